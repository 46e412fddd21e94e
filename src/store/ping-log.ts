import { sql, type Kysely } from 'kysely';
import type { PingKind } from '../domain/classify-ping.js';
import type { DurationPing, PreviousRunSignal } from '../domain/ping-durations.js';
import type { Database } from './schema.js';

export interface PingLogEntry extends DurationPing {
  scheme: string;
  remoteAddr: string | null;
  method: string;
  ua: string;
  /** The body is not read for a listing: its size says whether it has one. */
  bodyBytes: number;
}

/**
 * The ping log limit of a project's or a check's owner (spec §3.9): null when the owner has none
 * of their own; undefined when there is no such project or check.
 */
export async function ownerPingLogLimit(
  db: Kysely<Database>,
  of: { projectId: number } | { checkId: number },
): Promise<number | null | undefined> {
  const query = db.selectFrom('projects').innerJoin('users', 'users.id', 'projects.owner_id').select('users.ping_log_limit');
  const row = await (
    'projectId' in of
      ? query.where('projects.id', '=', of.projectId)
      : query.innerJoin('checks', 'checks.project_id', 'projects.id').where('checks.id', '=', of.checkId)
  ).executeTakeFirst();
  return row?.ping_log_limit;
}

/** A check's newest `limit` pings, newest first (served by pings_check_n). */
export async function recentPings(db: Kysely<Database>, checkId: number, limit: number): Promise<PingLogEntry[]> {
  const rows = await db
    .selectFrom('pings')
    .select(['n', 'created_at', 'kind', 'scheme', 'remote_addr', 'method', 'ua', 'rid'])
    // length() counts bytes of a BLOB (SQLite) and of a bytea (PostgreSQL) alike.
    .select(sql<number>`coalesce(length(body), 0)`.as('body_bytes'))
    .where('check_id', '=', checkId)
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    n: Number(row.n),
    createdAt: Number(row.created_at),
    kind: row.kind as PingKind,
    rid: row.rid,
    scheme: row.scheme,
    remoteAddr: row.remote_addr,
    method: row.method,
    ua: row.ua,
    bodyBytes: Number(row.body_bytes),
  }));
}

/**
 * The newest start, success or fail of the ping's run (same rid, null matching null) before it
 * and at most `windowMs` earlier: the per-ping fallback of spec §2.7.
 */
export async function previousRunSignal(
  db: Kysely<Database>,
  checkId: number,
  ping: DurationPing,
  windowMs: number,
): Promise<PreviousRunSignal | undefined> {
  const row = await db
    .selectFrom('pings')
    .select(['kind', 'created_at'])
    .where('check_id', '=', checkId)
    .where('n', '<', ping.n)
    .where('created_at', '>=', ping.createdAt - windowMs)
    .where('kind', 'in', ['start', 'success', 'fail'])
    .where('rid', ping.rid === null ? 'is' : '=', ping.rid)
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { kind: row.kind as PingKind, createdAt: Number(row.created_at) };
}

/** One ping's stored body: undefined when there is no such ping, null when it has no body. */
export async function pingBody(db: Kysely<Database>, checkId: number, n: number): Promise<Uint8Array | null | undefined> {
  const row = await db.selectFrom('pings').select('body').where('check_id', '=', checkId).where('n', '=', n).executeTakeFirst();
  return row?.body;
}
