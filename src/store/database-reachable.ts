import { sql } from 'kysely';
import type { Store } from './open-store.js';

/** One round trip to the database: what `GET /api/vN/status/` reports. */
export async function pingDatabase(store: Store): Promise<void> {
  await sql`SELECT 1`.execute(store.db);
}
