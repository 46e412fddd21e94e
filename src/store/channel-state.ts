import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Disables a channel by UUID (an email recipient unsubscribed); false when it does not exist. */
export async function disableChannelByCode(db: Kysely<Database>, code: string): Promise<boolean> {
  const result = await db.updateTable('channels').set({ disabled: 1 }).where('code', '=', code).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findChannelByCode(db: Kysely<Database>, code: string): Promise<{ id: number; kind: string } | undefined> {
  const row = await db.selectFrom('channels').select(['id', 'kind']).where('code', '=', code).executeTakeFirst();
  return row && { id: Number(row.id), kind: row.kind };
}

export async function confirmEmailChannel(db: Kysely<Database>, channelId: number): Promise<void> {
  await db.updateTable('channels').set({ email_verified: 1 }).where('id', '=', channelId).execute();
}
