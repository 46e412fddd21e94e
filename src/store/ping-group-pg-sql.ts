import type { CheckState } from '../domain/check.js';
import { CHECK_STATE_COLUMNS, toCheckState, type CheckStateRow } from './check-rows.js';
import type { PendingPing, PingTarget } from './ping-batch.js';
import type { GroupPlan } from './ping-group-plan.js';

const COLS = CHECK_STATE_COLUMNS.map((c) => `c.${c}`).join(', ');

/** Targets by UUID, then by ping key and slug; two index lookups, never a scan. */
export const READ_TARGETS = `SELECT c.code, NULL AS ping_key, NULL AS slug, ${COLS} FROM checks c WHERE c.code = ANY($1::text[])
  UNION ALL
  SELECT c.code, t.ping_key, t.slug, ${COLS} FROM unnest($2::text[], $3::text[]) AS t(ping_key, slug)
  JOIN projects p ON p.ping_key = t.ping_key JOIN checks c ON c.project_id = p.id AND c.slug = t.slug`;

/** Locks the group's rows in id order in one statement: nodes can't lock them in opposite orders. */
export const LOCK_IDS = `SELECT id FROM checks WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`;

/**
 * The whole write of a group as ONE statement (one round trip, atomic even without BEGIN): each
 * check is updated only if its version is still the one the plan was made on (every writer bumps
 * it), and pings and flips are inserted only for the checks that were updated. Returns the ids
 * updated.
 */
export const WRITE_GROUP = `WITH v AS (
    SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[],
      $8::int[], $9::int[], $10::bigint[])
    AS v(id, was_version, status, last_ping_at, last_start_at, last_start_rid, last_duration_ms,
      n_pings, has_confirmation_link, alert_after)
  ), u AS (
    UPDATE checks AS c SET status = v.status, last_ping_at = v.last_ping_at, last_start_at = v.last_start_at,
      last_start_rid = v.last_start_rid, last_duration_ms = v.last_duration_ms, n_pings = v.n_pings,
      has_confirmation_link = v.has_confirmation_link, alert_after = v.alert_after, version = c.version + 1
    FROM v WHERE c.id = v.id AND c.version = v.was_version
    RETURNING c.id
  ), p AS (
    INSERT INTO pings (check_id, n, created_at, kind, scheme, remote_addr, method, ua, body, exit_status, rid)
    SELECT x.* FROM unnest($11::bigint[], $12::int[], $13::bigint[], $14::text[], $15::text[], $16::text[], $17::text[],
      $18::text[], $19::bytea[], $20::int[], $21::text[])
    AS x(check_id, n, created_at, kind, scheme, remote_addr, method, ua, body, exit_status, rid)
    WHERE x.check_id IN (SELECT id FROM u)
  ), f AS (
    INSERT INTO flips (check_id, created_at, old_status, new_status, reason)
    SELECT y.* FROM unnest($22::bigint[], $23::bigint[], $24::text[], $25::text[], $26::text[])
    AS y(check_id, created_at, old_status, new_status, reason)
    WHERE y.check_id IN (SELECT id FROM u)
  )
  SELECT id FROM u`;

export function readTargetsParams<P>(items: readonly PendingPing<P>[]): [string[], string[], string[]] {
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
  return [codes, keys, slugs];
}

export type TargetRow = CheckStateRow & { code: string; ping_key: string | null; slug: string | null };

const slugKey = (pingKey: string, slug: string) => `${pingKey}\n${slug}`;

/** A lookup over the rows READ_TARGETS returned; a slug matching several checks is ambiguous. */
export function targetLookup(rows: readonly TargetRow[]): (target: PingTarget) => CheckState | 'ambiguous' | undefined {
  const byCode = new Map<string, CheckState>();
  const bySlug = new Map<string, CheckState[]>();
  for (const row of rows) {
    const state = toCheckState(row);
    if (row.ping_key === null || row.slug === null) {
      byCode.set(row.code, state);
    } else {
      const key = slugKey(row.ping_key, row.slug);
      const list = bySlug.get(key) ?? [];
      if (!list.some((s) => s.id === state.id)) list.push(state);
      bySlug.set(key, list);
    }
  }
  return (target) => {
    if ('code' in target) return byCode.get(target.code);
    const list = bySlug.get(slugKey(target.pingKey, target.slug)) ?? [];
    return list.length > 1 ? 'ambiguous' : list[0];
  };
}

export function writeGroupParams<R extends string>(plan: GroupPlan<R>): unknown[] {
  const c = [...plan.changed.values()];
  const p = plan.pings;
  const f = plan.flips;
  return [
    c.map((x) => x.read.id),
    c.map((x) => x.read.version),
    c.map((x) => x.next.status),
    c.map((x) => x.next.lastPingAt),
    c.map((x) => x.next.lastStartAt),
    c.map((x) => x.next.lastStartRid),
    c.map((x) => x.next.lastDurationMs),
    c.map((x) => x.next.nPings),
    c.map((x) => (x.next.hasConfirmationLink ? 1 : 0)),
    c.map((x) => x.next.alertAfter),
    p.map((x) => x.checkId),
    p.map((x) => x.n),
    p.map((x) => x.row.createdAt),
    p.map((x) => x.kind),
    p.map((x) => x.row.scheme),
    p.map((x) => x.row.remoteAddr),
    p.map((x) => x.row.method),
    p.map((x) => x.row.ua),
    p.map((x) => (x.row.body ? Buffer.from(x.row.body) : null)),
    p.map((x) => x.row.exitStatus),
    p.map((x) => x.row.rid),
    f.map((x) => x.checkId),
    f.map((x) => x.flip.at),
    f.map((x) => x.flip.oldStatus),
    f.map((x) => x.flip.newStatus),
    f.map((x) => x.flip.reason),
  ];
}
