import type { Kysely } from 'kysely';
import { ownerPingLogLimit } from './ping-log.js';
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
  const ownLimit = await ownerPingLogLimit(db, { checkId });
  if (ownLimit === undefined) return; // the check is gone
  const threshold = nPings - (ownLimit ?? defaultKeep);
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
