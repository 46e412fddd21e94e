import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The channel UUIDs assigned to each check (the API's `channels` field), for one check or a
 * whole project: a join by project rather than a list of check ids, which would hit the
 * drivers' bound-parameter limits on large projects.
 */
export async function channelCodesByCheck(
  db: Kysely<Database>,
  scope: { projectId: number } | { checkId: number },
): Promise<Map<number, string[]>> {
  let query = db
    .selectFrom('checks_channels')
    .innerJoin('channels', 'channels.id', 'checks_channels.channel_id')
    .select(['checks_channels.check_id', 'channels.code']);
  query =
    'checkId' in scope
      ? query.where('checks_channels.check_id', '=', scope.checkId)
      : query.where('channels.project_id', '=', scope.projectId);
  const result = new Map<number, string[]>();
  for (const row of await query.execute()) {
    const list = result.get(Number(row.check_id)) ?? [];
    list.push(row.code);
    result.set(Number(row.check_id), list);
  }
  return result;
}
