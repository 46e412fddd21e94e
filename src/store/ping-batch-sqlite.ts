import type SqliteDatabase from 'better-sqlite3';
import { sqliteTransaction } from './atomic.js';
import type { Store } from './open-store.js';
import { CHECK_STATE_COLUMNS, pingChangedColumns, toCheckState, type CheckStateRow } from './check-rows.js';
import type { Decide, PendingPing, PingResult } from './ping-batch.js';

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
       has_confirmation_link = @has_confirmation_link, alert_after = @alert_after WHERE id = @id`,
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

function recordOne<P, R extends string>(s: Statements, item: PendingPing<P>, decide: Decide<P, R>): PingResult<R> {
  let row: CheckStateRow | undefined;
  if ('code' in item.target) {
    row = s.byCode.get(item.target.code);
  } else {
    const rows = s.bySlug.all(item.target.pingKey, item.target.slug);
    if (rows.length > 1) return { ok: false, error: 'ambiguous' };
    row = rows[0];
  }
  if (!row) return { ok: false, error: 'not_found' };
  const decision = decide(toCheckState(row), item.payload);
  if ('reject' in decision) return { ok: false, error: decision.reject };
  const { outcome, row: ping } = decision;
  const checkId = outcome.check.id;
  s.update.run({ id: checkId, ...pingChangedColumns(outcome.check) });
  s.insertPing.run(
    checkId,
    outcome.n,
    ping.createdAt,
    outcome.kind,
    ping.scheme,
    ping.remoteAddr,
    ping.method,
    ping.ua,
    ping.body,
    ping.exitStatus,
    ping.rid,
  );
  const flip = outcome.flip;
  if (flip) s.insertFlip.run(checkId, flip.at, flip.oldStatus, flip.newStatus, flip.reason);
  return { ok: true, checkId, n: outcome.n, alertAfter: outcome.check.alertAfter, flip };
}

/** better-sqlite3 is synchronous: the whole group runs and commits (one fsync) in one call. */
export async function commitPingBatchSqlite<P, R extends string>(
  store: Store,
  items: readonly PendingPing<P>[],
  decide: Decide<P, R>,
): Promise<PingResult<R>[]> {
  const s = statements(store.sqlite!);
  try {
    return await sqliteTransaction(store.sqlite!, () => items.map((item) => recordOne(s, item, decide)));
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error: 'unavailable', cause: error }];
    // One bad item must not sink its neighbours: record them one transaction each.
    const results: PingResult<R>[] = [];
    for (const item of items) results.push(...(await commitPingBatchSqlite(store, [item], decide)));
    return results;
  }
}
