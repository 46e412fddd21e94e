import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The owner's ping log limit for a check (null: the configured default). */
export async function findPingLogLimit(db: Kysely<Database>, checkId: number): Promise<number | null> {
  const row = await db
    .selectFrom('checks')
    .innerJoin('projects', 'projects.id', 'checks.project_id')
    .innerJoin('users', 'users.id', 'projects.owner_id')
    .select('users.ping_log_limit')
    .where('checks.id', '=', checkId)
    .executeTakeFirst();
  return row?.ping_log_limit ?? null;
}

/**
 * Spec §3.9: keep the newest `keepPings` pings; drop notifications older than the oldest kept
 * ping, and flips older than both it and `flipsKeptSince`.
 */
export async function pruneCheckHistory(
  db: Kysely<Database>,
  checkId: number,
  keepPings: number,
  flipsKeptSince: number,
): Promise<void> {
  const check = await db.selectFrom('checks').select('n_pings').where('id', '=', checkId).executeTakeFirst();
  if (!check) return;
  const threshold = check.n_pings - keepPings;
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
