import type { Kysely } from 'kysely';
import type { StoredStatus } from '../domain/check.js';
import type { Database } from './schema.js';

export interface FlipLogEntry {
  createdAt: number;
  newStatus: StoredStatus;
}

export interface FlipRange {
  /** Inclusive. */
  fromMs?: number;
  /** Exclusive. */
  beforeMs?: number;
}

/** A check's flips in a time range, newest first (served by flips_check_created). */
export async function listCheckFlips(db: Kysely<Database>, checkId: number, range: FlipRange): Promise<FlipLogEntry[]> {
  let query = db.selectFrom('flips').select(['created_at', 'new_status']).where('check_id', '=', checkId);
  if (range.fromMs !== undefined) query = query.where('created_at', '>=', range.fromMs);
  if (range.beforeMs !== undefined) query = query.where('created_at', '<', range.beforeMs);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({ createdAt: Number(row.created_at), newStatus: row.new_status as StoredStatus }));
}
