import type { Selectable } from 'kysely';
import type { Check, CheckKind, CheckState, StoredStatus } from '../domain/check.js';
import type { ChecksTable } from './schema.js';

export type CheckRow = Selectable<ChecksTable>;

/** The columns a ping reads and writes, in one order shared by both dialects' hot paths. */
export const CHECK_STATE_COLUMNS = [
  'id',
  'kind',
  'timeout_seconds',
  'grace_seconds',
  'schedule',
  'tz',
  'status',
  'last_ping_at',
  'last_start_at',
  'methods',
  'manual_resume',
  'filter_subject',
  'filter_body',
  'filter_http_body',
  'filter_default_fail',
  'start_kw',
  'success_kw',
  'failure_kw',
  'n_pings',
  'last_start_rid',
  'last_duration_ms',
  'has_confirmation_link',
  'alert_after',
  'version',
] as const;

export type CheckStateRow = Pick<CheckRow, (typeof CHECK_STATE_COLUMNS)[number]>;

export function toCheckState(row: CheckStateRow): CheckState {
  return {
    id: Number(row.id),
    kind: row.kind as CheckKind,
    timeoutSeconds: row.timeout_seconds,
    graceSeconds: row.grace_seconds,
    schedule: row.schedule,
    tz: row.tz,
    status: row.status as StoredStatus,
    lastPingAt: row.last_ping_at,
    lastStartAt: row.last_start_at,
    methods: row.methods,
    manualResume: row.manual_resume === 1,
    filterSubject: row.filter_subject === 1,
    filterBody: row.filter_body === 1,
    filterHttpBody: row.filter_http_body === 1,
    filterDefaultFail: row.filter_default_fail === 1,
    startKw: row.start_kw,
    successKw: row.success_kw,
    failureKw: row.failure_kw,
    nPings: row.n_pings,
    lastStartRid: row.last_start_rid,
    lastDurationMs: row.last_duration_ms,
    hasConfirmationLink: row.has_confirmation_link === 1,
    alertAfter: row.alert_after,
    version: row.version,
  };
}

/**
 * The state fields plus the rest, added to the same object: no spread, which was ten times
 * slower on a project's list of thousands of rows.
 */
export function toCheck(row: CheckRow): Check {
  const check = toCheckState(row) as Check;
  check.code = row.code;
  check.projectId = Number(row.project_id);
  check.name = row.name;
  check.slug = row.slug;
  check.tags = row.tags;
  check.desc = row.description;
  check.badgeKey = row.badge_key;
  check.createdAt = row.created_at;
  return check;
}

/** The columns a ping changes (spec §2.6), as the row holds them. */
export function pingChangedColumns(s: CheckState) {
  return {
    status: s.status,
    last_ping_at: s.lastPingAt,
    last_start_at: s.lastStartAt,
    last_start_rid: s.lastStartRid,
    last_duration_ms: s.lastDurationMs,
    n_pings: s.nPings,
    has_confirmation_link: s.hasConfirmationLink ? (1 as const) : (0 as const),
    alert_after: s.alertAfter,
  };
}
