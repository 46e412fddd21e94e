import { sql, type Kysely } from 'kysely';
import type { StoredStatus } from '../domain/check.js';
import type { PingKind } from '../domain/classify-ping.js';
import type { Database } from './schema.js';

/** A ping as the event log lists it (no body: only its size). */
export interface PingEvent {
  n: number;
  createdAt: number;
  kind: PingKind;
  scheme: string;
  remoteAddr: string | null;
  method: string;
  ua: string;
  rid: string | null;
  exitStatus: number | null;
  bodyBytes: number;
}

/** A ping with its body, for the ping details page. */
export interface PingWithBody extends PingEvent {
  body: Uint8Array | null;
}

export interface FlipEvent {
  createdAt: number;
  oldStatus: StoredStatus;
  newStatus: StoredStatus;
  reason: string;
}

type PingRow = {
  n: number;
  created_at: number;
  kind: string;
  scheme: string;
  remote_addr: string | null;
  method: string;
  ua: string;
  rid: string | null;
  exit_status: number | null;
  body_bytes: number;
};

const toPingEvent = (r: PingRow): PingEvent => ({
  n: Number(r.n),
  createdAt: r.created_at,
  kind: r.kind as PingKind,
  scheme: r.scheme,
  remoteAddr: r.remote_addr,
  method: r.method,
  ua: r.ua,
  rid: r.rid,
  exitStatus: r.exit_status,
  bodyBytes: Number(r.body_bytes),
});

const PING_COLUMNS = ['n', 'created_at', 'kind', 'scheme', 'remote_addr', 'method', 'ua', 'rid', 'exit_status'] as const;
// length() counts bytes of a BLOB (SQLite) and of a bytea (PostgreSQL) alike.
const bodyBytes = sql<number>`coalesce(length(body), 0)`.as('body_bytes');

/** A check's newest pings above `minN` (the visible window), newest first (served by pings_check_n). */
export async function recentPingEvents(db: Kysely<Database>, checkId: number, minN: number, limit: number): Promise<PingEvent[]> {
  const rows = await db
    .selectFrom('pings')
    .select(PING_COLUMNS)
    .select(bodyBytes)
    .where('check_id', '=', checkId)
    .where('n', '>', minN)
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toPingEvent);
}

/** One ping with its body, or undefined (served by pings_check_n). */
export async function findPingWithBody(db: Kysely<Database>, checkId: number, n: number): Promise<PingWithBody | undefined> {
  const row = await db
    .selectFrom('pings')
    .select([...PING_COLUMNS, 'body'])
    .select(bodyBytes)
    .where('check_id', '=', checkId)
    .where('n', '=', n)
    .executeTakeFirst();
  return row && { ...toPingEvent(row), body: row.body };
}

/** A check's flips at or after `fromMs`, newest first, at most `limit` (served by flips_check_created). */
export async function recentFlipEvents(
  db: Kysely<Database>,
  checkId: number,
  fromMs: number,
  limit: number,
): Promise<FlipEvent[]> {
  const rows = await db
    .selectFrom('flips')
    .select(['created_at', 'old_status', 'new_status', 'reason'])
    .where('check_id', '=', checkId)
    .where('created_at', '>=', fromMs)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    createdAt: r.created_at,
    oldStatus: r.old_status as StoredStatus,
    newStatus: r.new_status as StoredStatus,
    reason: r.reason,
  }));
}
