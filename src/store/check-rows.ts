import type { Selectable } from 'kysely';
import type { Check, CheckKind, CheckState, StoredStatus } from '../domain/check.js';
import type { ChecksTable } from './schema.js';

type CheckRow = Selectable<ChecksTable>;

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

/** One object literal, no spread: this runs for every row of a project's list (5,000 and more). */
export function toCheck(row: CheckRow): Check {
  return {
    id: Number(row.id),
    code: row.code,
    projectId: Number(row.project_id),
    name: row.name,
    slug: row.slug,
    tags: row.tags,
    desc: row.description,
    badgeKey: row.badge_key,
    createdAt: row.created_at,
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
