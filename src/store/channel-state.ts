import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Disables a channel by UUID (an email recipient unsubscribed); false when it does not exist. */
export async function disableChannelByCode(db: Kysely<Database>, code: string): Promise<boolean> {
  const result = await db.updateTable('channels').set({ disabled: 1 }).where('code', '=', code).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
