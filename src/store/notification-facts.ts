import type { Kysely } from 'kysely';
import type { Check, StoredStatus } from '../domain/check.js';
import { toCheck } from './check-rows.js';
import type { Database } from './schema.js';

/** The reads that word a notification (spec §9.2 building blocks), one query each. */

export async function findCheckById(db: Kysely<Database>, id: number): Promise<Check | undefined> {
  const row = await db.selectFrom('checks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCheck(row);
}

export interface PingFacts {
  n: number;
  at: number;
  kind: string;
  exitStatus: number | null;
  scheme: string;
  remoteAddr: string | null;
  method: string;
  ua: string;
  body: Uint8Array | null;
}

/** The latest ping of any kind created at or before `at` (index pings_check_n, newest first). */
export async function lastPingAtOrBefore(db: Kysely<Database>, checkId: number, at: number): Promise<PingFacts | null> {
  const row = await db
    .selectFrom('pings')
    .select(['n', 'created_at', 'kind', 'exit_status', 'scheme', 'remote_addr', 'method', 'ua', 'body'])
    .where('check_id', '=', checkId)
    .where('created_at', '<=', at)
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    n: row.n,
    at: row.created_at,
    kind: row.kind,
    exitStatus: row.exit_status,
    scheme: row.scheme,
    remoteAddr: row.remote_addr,
    method: row.method,
    ua: row.ua,
    body: row.body,
  };
}

/** The check's flip just before flip `flipId` (index flips_check_created). */
export async function previousFlip(
  db: Kysely<Database>,
  checkId: number,
  before: { id: number; at: number },
): Promise<{ at: number; newStatus: StoredStatus } | null> {
  const row = await db
    .selectFrom('flips')
    .select(['created_at', 'new_status'])
    .where('check_id', '=', checkId)
    .where('created_at', '<', before.at)
    .where('id', '!=', before.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { at: row.created_at, newStatus: row.new_status as StoredStatus } : null;
}

/**
 * The "other checks" of a notification (spec §9.2): whether the project has any besides
 * `checkId`, how many of them are down, and, when at most `listLimit` are, those. Stored status
 * stands for the computed one: the detector flips an overdue check within milliseconds. Only
 * down rows are counted (index checks_project_status), never the whole project.
 */
export async function otherChecksOfProject(
  db: Kysely<Database>,
  projectId: number,
  checkId: number,
  listLimit: number,
): Promise<{ any: boolean; downCount: number; down: Array<{ code: string; name: string; lastPingAt: number | null }> }> {
  const [another, downs] = await Promise.all([
    db
      .selectFrom('checks')
      .select('id')
      .where('project_id', '=', projectId)
      .where('id', '!=', checkId)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('checks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('status', '=', 'down')
      .where('id', '!=', checkId)
      .executeTakeFirstOrThrow(),
  ]);
  const downCount = Number(downs.n);
  const rows =
    downCount > 0 && downCount <= listLimit
      ? await db
          .selectFrom('checks')
          .select(['code', 'name', 'last_ping_at'])
          .where('project_id', '=', projectId)
          .where('status', '=', 'down')
          .where('id', '!=', checkId)
          .execute()
      : [];
  return {
    any: another !== undefined,
    downCount,
    down: rows.map((r) => ({ code: r.code, name: r.name, lastPingAt: r.last_ping_at })),
  };
}

/** A project's display name: its name, or its owner's email when blank (spec §1.1). */
export async function projectDisplay(db: Kysely<Database>, projectId: number): Promise<{ code: string; name: string } | null> {
  const row = await db
    .selectFrom('projects')
    .innerJoin('users', 'users.id', 'projects.owner_id')
    .select(['projects.code', 'projects.name', 'users.email'])
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  return row ? { code: row.code, name: row.name || row.email } : null;
}

export async function findFlipById(
  db: Kysely<Database>,
  id: number,
): Promise<{ id: number; at: number; oldStatus: StoredStatus; reason: '' | 'timeout' | 'fail' } | null> {
  const row = await db
    .selectFrom('flips')
    .select(['id', 'created_at', 'old_status', 'reason'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: Number(row.id),
        at: row.created_at,
        oldStatus: row.old_status as StoredStatus,
        reason: row.reason as '' | 'timeout' | 'fail',
      }
    : null;
}
