import type SqliteDatabase from 'better-sqlite3';
import { sqliteTransaction } from './atomic.js';
import type { Store } from './open-store.js';
import { CHECK_STATE_COLUMNS, pingChangedColumns, toCheckState, type CheckStateRow } from './check-rows.js';
import type { CheckState } from '../domain/check.js';
import type { Decide, PendingPing, PingResult, PingTarget } from './ping-batch.js';
import { planGroup } from './ping-group-plan.js';

interface Statements {
  byCode: SqliteDatabase.Statement<[string], CheckStateRow>;
  bySlug: SqliteDatabase.Statement<[string, string], CheckStateRow>;
  update: SqliteDatabase.Statement<Record<string, unknown>>;
  insertPing: SqliteDatabase.Statement<unknown[]>;
  insertFlip: SqliteDatabase.Statement<unknown[]>;
}

const statementCache = new WeakMap<SqliteDatabase.Database, Statements>();

function statements(sqlite: SqliteDatabase.Database): Statements {
  let s = statementCache.get(sqlite);
  if (s) return s;
  const cols = CHECK_STATE_COLUMNS.map((c) => `c.${c}`).join(', ');
  s = {
    byCode: sqlite.prepare(`SELECT ${cols} FROM checks c WHERE c.code = ?`),
    bySlug: sqlite.prepare(
      `SELECT ${cols} FROM checks c JOIN projects p ON p.id = c.project_id WHERE p.ping_key = ? AND c.slug = ? LIMIT 2`,
    ),
    update: sqlite.prepare(
      `UPDATE checks SET status = @status, last_ping_at = @last_ping_at, last_start_at = @last_start_at,
       last_start_rid = @last_start_rid, last_duration_ms = @last_duration_ms, n_pings = @n_pings,
       has_confirmation_link = @has_confirmation_link, alert_after = @alert_after, version = version + 1 WHERE id = @id`,
    ),
    insertPing: sqlite.prepare(
      `INSERT INTO pings (check_id, n, created_at, kind, scheme, remote_addr, method, ua, body, exit_status, rid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertFlip: sqlite.prepare(
      `INSERT INTO flips (check_id, created_at, processed_at, old_status, new_status, reason) VALUES (?, ?, NULL, ?, ?, ?)`,
    ),
  };
  statementCache.set(sqlite, s);
  return s;
}

/** Reads each target once per group; the plan chains later pings of a check on the first. */
function lookupOnce(s: Statements): (target: PingTarget) => CheckState | 'ambiguous' | undefined {
  const seen = new Map<string, CheckState | 'ambiguous' | undefined>();
  return (target) => {
    const key = 'code' in target ? target.code : `${target.pingKey}/${target.slug}`;
    if (seen.has(key)) return seen.get(key);
    let found: CheckState | 'ambiguous' | undefined;
    if ('code' in target) {
      const row = s.byCode.get(target.code);
      found = row && toCheckState(row);
    } else {
      const rows = s.bySlug.all(target.pingKey, target.slug);
      found = rows.length > 1 ? 'ambiguous' : rows[0] && toCheckState(rows[0]);
    }
    seen.set(key, found);
    return found;
  };
}

/** Runs inside the write transaction, which holds SQLite's write lock: no compare-and-set needed. */
function writeGroup<P, R extends string>(s: Statements, items: readonly PendingPing<P>[], decide: Decide<P, R>): PingResult<R>[] {
  const plan = planGroup(items, lookupOnce(s), decide);
  for (const { next } of plan.changed.values()) s.update.run({ id: next.id, ...pingChangedColumns(next) });
  for (const p of plan.pings) {
    const r = p.row;
    s.insertPing.run(p.checkId, p.n, r.createdAt, p.kind, r.scheme, r.remoteAddr, r.method, r.ua, r.body, r.exitStatus, r.rid);
  }
  for (const { checkId, flip } of plan.flips) s.insertFlip.run(checkId, flip.at, flip.oldStatus, flip.newStatus, flip.reason);
  return plan.results;
}

/** better-sqlite3 is synchronous: the whole group runs and commits (one fsync) in one call. */
export async function commitPingBatchSqlite<P, R extends string>(
  store: Store,
  items: readonly PendingPing<P>[],
  decide: Decide<P, R>,
): Promise<PingResult<R>[]> {
  const s = statements(store.sqlite!);
  try {
    return await sqliteTransaction(store.sqlite!, () => writeGroup(s, items, decide));
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error: 'unavailable', cause: error }];
    // One bad item must not sink its neighbours: record them one transaction each.
    const results: PingResult<R>[] = [];
    for (const item of items) results.push(...(await commitPingBatchSqlite(store, [item], decide)));
    return results;
  }
}
