import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Spec §3.9: keep the newest pings up to the owner's ping log limit (`defaultKeep` when the
 * owner has none); drop notifications older than the oldest kept ping, and flips older than
 * both it and `flipsKeptSince`. `nPings` is the check's count as the caller knows it.
 */
export async function pruneCheckHistory(
  db: Kysely<Database>,
  checkId: number,
  nPings: number,
  defaultKeep: number,
  flipsKeptSince: number,
): Promise<void> {
  const owner = await db
    .selectFrom('checks')
    .innerJoin('projects', 'projects.id', 'checks.project_id')
    .innerJoin('users', 'users.id', 'projects.owner_id')
    .select('users.ping_log_limit')
    .where('checks.id', '=', checkId)
    .executeTakeFirst();
  if (!owner) return;
  const threshold = nPings - (owner.ping_log_limit ?? defaultKeep);
  if (threshold <= 0) return;
  await db.deleteFrom('pings').where('check_id', '=', checkId).where('n', '<=', threshold).execute();
  const oldest = await db
    .selectFrom('pings')
    .select('created_at')
    .where('check_id', '=', checkId)
    .orderBy('n')
    .limit(1)
    .executeTakeFirst();
  if (!oldest) return;
  await db.deleteFrom('notifications').where('check_id', '=', checkId).where('created_at', '<', oldest.created_at).execute();
  await db
    .deleteFrom('flips')
    .where('check_id', '=', checkId)
    .where('created_at', '<', Math.min(oldest.created_at, flipsKeptSince))
    .execute();
}
