import type pg from 'pg';
import type { CheckState } from '../domain/check.js';
import type { FlipFacts } from '../domain/apply-ping.js';
import type { Store } from './open-store.js';
import { CHECK_STATE_COLUMNS, toCheckState, type CheckStateRow } from './check-rows.js';
import type { Decide, PendingPing, PingResult, PingRowFields } from './ping-batch.js';

const COLS = CHECK_STATE_COLUMNS.join(', ');

// Slug targets are resolved to ids first, without locks, so that every row of the group is then
// locked by ONE statement in id order: two nodes can never lock the same checks in opposite orders.
const RESOLVE_SLUGS = `SELECT t.ping_key, t.slug, c.id FROM unnest($1::text[], $2::text[]) AS t(ping_key, slug)
  JOIN projects p ON p.ping_key = t.ping_key JOIN checks c ON c.project_id = p.id AND c.slug = t.slug`;
const LOCK_CHECKS = `SELECT code, ${COLS} FROM checks WHERE code = ANY($1::text[]) OR id = ANY($2::bigint[]) ORDER BY id FOR UPDATE`;
const UPDATE_CHECKS = `UPDATE checks AS c SET status = v.status, last_ping_at = v.last_ping_at,
  last_start_at = v.last_start_at, last_start_rid = v.last_start_rid, last_duration_ms = v.last_duration_ms,
  n_pings = v.n_pings, has_confirmation_link = v.has_confirmation_link, alert_after = v.alert_after
  FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::int[], $8::int[], $9::bigint[])
  AS v(id, status, last_ping_at, last_start_at, last_start_rid, last_duration_ms, n_pings, has_confirmation_link, alert_after)
  WHERE c.id = v.id`;
const INSERT_PINGS = `INSERT INTO pings (check_id, n, created_at, kind, scheme, remote_addr, method, ua, body, exit_status, rid)
  SELECT * FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bytea[], $10::int[], $11::text[])`;
const INSERT_FLIPS = `INSERT INTO flips (check_id, created_at, old_status, new_status, reason)
  SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[])`;

type Row = CheckStateRow & { code: string };
const slugKey = (pingKey: string, slug: string) => `${pingKey}\n${slug}`;

async function lockTargets<P>(client: pg.PoolClient, items: readonly PendingPing<P>[]) {
  const codes: string[] = [];
  const keys: string[] = [];
  const slugs: string[] = [];
  for (const { target } of items) {
    if ('code' in target) {
      codes.push(target.code);
    } else {
      keys.push(target.pingKey);
      slugs.push(target.slug);
    }
  }
  const slugIds = new Map<string, number[]>();
  if (keys.length > 0) {
    const res = await client.query<{ ping_key: string; slug: string; id: number }>({
      name: 'wp_resolve_slugs',
      text: RESOLVE_SLUGS,
      values: [keys, slugs],
    });
    for (const r of res.rows) {
      const key = slugKey(r.ping_key, r.slug);
      const ids = slugIds.get(key) ?? [];
      if (!ids.includes(Number(r.id))) ids.push(Number(r.id));
      slugIds.set(key, ids);
    }
  }
  const ids = [...slugIds.values()].filter((list) => list.length === 1).flat();
  const res = await client.query<Row>({ name: 'wp_lock_checks', text: LOCK_CHECKS, values: [codes, ids] });
  const byCode = new Map<string, CheckState>();
  const byId = new Map<number, CheckState>();
  for (const row of res.rows) {
    const state = toCheckState(row);
    byCode.set(row.code, state);
    byId.set(state.id, state);
  }
  return { slugIds, byCode, byId };
}

async function runGroup<P, R extends string>(client: pg.PoolClient, items: readonly PendingPing<P>[], decide: Decide<P, R>) {
  await client.query('BEGIN');
  const { slugIds, byCode, byId } = await lockTargets(client, items);
  const changed = new Map<number, CheckState>();
  const pings: Array<{ checkId: number; n: number; kind: string; row: PingRowFields }> = [];
  const flips: Array<{ checkId: number; flip: FlipFacts }> = [];
  const results = items.map(({ target, payload }): PingResult<R> => {
    let id: number | undefined;
    if ('code' in target) id = byCode.get(target.code)?.id;
    else {
      const ids = slugIds.get(slugKey(target.pingKey, target.slug)) ?? [];
      if (ids.length > 1) return { ok: false, error: 'ambiguous' };
      id = ids[0];
    }
    const current = id === undefined ? undefined : (changed.get(id) ?? byId.get(id));
    if (!current) return { ok: false, error: 'not_found' };
    const decision = decide(current, payload);
    if ('reject' in decision) return { ok: false, error: decision.reject };
    const { outcome, row } = decision;
    changed.set(current.id, outcome.check);
    pings.push({ checkId: current.id, n: outcome.n, kind: outcome.kind, row });
    if (outcome.flip) flips.push({ checkId: current.id, flip: outcome.flip });
    return { ok: true, checkId: current.id, n: outcome.n, alertAfter: outcome.check.alertAfter, flip: outcome.flip };
  });
  if (changed.size > 0) {
    const c = [...changed.values()];
    await client.query({
      name: 'wp_update_checks',
      text: UPDATE_CHECKS,
      values: [
        c.map((s) => s.id),
        c.map((s) => s.status),
        c.map((s) => s.lastPingAt),
        c.map((s) => s.lastStartAt),
        c.map((s) => s.lastStartRid),
        c.map((s) => s.lastDurationMs),
        c.map((s) => s.nPings),
        c.map((s) => (s.hasConfirmationLink ? 1 : 0)),
        c.map((s) => s.alertAfter),
      ],
    });
    await client.query({
      name: 'wp_insert_pings',
      text: INSERT_PINGS,
      values: [
        pings.map((p) => p.checkId),
        pings.map((p) => p.n),
        pings.map((p) => p.row.createdAt),
        pings.map((p) => p.kind),
        pings.map((p) => p.row.scheme),
        pings.map((p) => p.row.remoteAddr),
        pings.map((p) => p.row.method),
        pings.map((p) => p.row.ua),
        pings.map((p) => (p.row.body ? Buffer.from(p.row.body) : null)),
        pings.map((p) => p.row.exitStatus),
        pings.map((p) => p.row.rid),
      ],
    });
  }
  if (flips.length > 0) {
    await client.query({
      name: 'wp_insert_flips',
      text: INSERT_FLIPS,
      values: [
        flips.map((f) => f.checkId),
        flips.map((f) => f.flip.at),
        flips.map((f) => f.flip.oldStatus),
        flips.map((f) => f.flip.newStatus),
        flips.map((f) => f.flip.reason),
      ],
    });
  }
  await client.query('COMMIT');
  return results;
}

/**
 * One transaction per group, rows locked in id order. A failed group (a deadlock with a
 * non-ping writer, a bad row) is retried one ping at a time, as PERFORMANCE.md asks.
 */
export async function commitPingBatchPg<P, R extends string>(
  store: Store,
  items: readonly PendingPing<P>[],
  decide: Decide<P, R>,
): Promise<PingResult<R>[]> {
  let client: pg.PoolClient;
  try {
    client = await store.pool!.connect();
  } catch (cause) {
    return items.map(() => ({ ok: false, error: 'unavailable', cause }));
  }
  let broken: Error | undefined;
  try {
    return await runGroup(client, items, decide);
  } catch (cause) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    if (items.length === 1) return [{ ok: false, error: 'unavailable', cause }];
  } finally {
    client.release(broken);
  }
  const results: PingResult<R>[] = [];
  for (const item of items) results.push(...(await commitPingBatchPg(store, [item], decide)));
  return results;
}
