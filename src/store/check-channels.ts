import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The channel UUIDs assigned to each of `checkIds` (the API's `channels` field). */
export async function channelCodesByCheck(db: Kysely<Database>, checkIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (checkIds.length === 0) return result;
  const rows = await db
    .selectFrom('checks_channels')
    .innerJoin('channels', 'channels.id', 'checks_channels.channel_id')
    .select(['checks_channels.check_id', 'channels.code'])
    .where('checks_channels.check_id', 'in', checkIds)
    .execute();
  for (const row of rows) {
    const list = result.get(Number(row.check_id)) ?? [];
    list.push(row.code);
    result.set(Number(row.check_id), list);
  }
  return result;
}
