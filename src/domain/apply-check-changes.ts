import type { Check } from './check.js';
import type { CheckChanges } from './check-changes.js';
import { slugify } from './slugify.js';
import { goingDownAfter } from './status.js';

/** What the API may set on a check. */
export type EditableFields = Pick<
  Check,
  | 'name'
  | 'slug'
  | 'tags'
  | 'desc'
  | 'kind'
  | 'timeoutSeconds'
  | 'graceSeconds'
  | 'schedule'
  | 'tz'
  | 'manualResume'
  | 'methods'
  | 'startKw'
  | 'successKw'
  | 'failureKw'
  | 'filterSubject'
  | 'filterBody'
  | 'filterHttpBody'
  | 'filterDefaultFail'
>;

export const NEW_CHECK_FIELDS: Readonly<EditableFields> = {
  name: '',
  slug: '',
  tags: '',
  desc: '',
  kind: 'simple',
  timeoutSeconds: 86_400,
  graceSeconds: 3_600,
  schedule: '* * * * *',
  tz: 'UTC',
  manualResume: false,
  methods: '',
  startKw: '',
  successKw: '',
  failureKw: '',
  filterSubject: false,
  filterBody: false,
  filterHttpBody: false,
  filterDefaultFail: false,
};

/**
 * Spec §4.7/§4.10: only the fields given change. v1/v2 derive the slug from a given name (an
 * explicit slug wins); a schedule makes the check cron/OnCalendar and a timeout simple; the
 * deprecated subject fields set the keywords and recompute filter_subject, which an explicit
 * filter_subject then overrides.
 */
export function applyCheckChanges(current: EditableFields, changes: CheckChanges, apiVersion: 1 | 2 | 3): EditableFields {
  const next: EditableFields = { ...current };
  if (changes.name !== undefined) {
    next.name = changes.name;
    if (apiVersion < 3) next.slug = slugify(changes.name);
  }
  if (changes.slug !== undefined) next.slug = changes.slug;
  if (changes.tags !== undefined) next.tags = changes.tags;
  if (changes.desc !== undefined) next.desc = changes.desc;
  if (changes.schedule) {
    next.kind = changes.schedule.kind;
    next.schedule = changes.schedule.expr;
  } else if (changes.timeoutSeconds !== undefined) {
    next.kind = 'simple';
    next.timeoutSeconds = changes.timeoutSeconds;
  }
  if (changes.tz !== undefined) next.tz = changes.tz;
  if (changes.graceSeconds !== undefined) next.graceSeconds = changes.graceSeconds;
  if (changes.manualResume !== undefined) next.manualResume = changes.manualResume;
  if (changes.methods !== undefined) next.methods = changes.methods;
  if (changes.startKw !== undefined) next.startKw = changes.startKw;
  if (changes.successKw !== undefined) next.successKw = changes.successKw;
  if (changes.failureKw !== undefined) next.failureKw = changes.failureKw;
  if (changes.subject !== undefined) {
    next.successKw = changes.subject;
    next.filterSubject = next.successKw !== '' || next.failureKw !== '';
  }
  if (changes.subjectFail !== undefined) {
    next.failureKw = changes.subjectFail;
    next.filterSubject = next.successKw !== '' || next.failureKw !== '';
  }
  if (changes.filterSubject !== undefined) next.filterSubject = changes.filterSubject;
  if (changes.filterBody !== undefined) next.filterBody = changes.filterBody;
  if (changes.filterHttpBody !== undefined) next.filterHttpBody = changes.filterHttpBody;
  if (changes.filterDefaultFail !== undefined) next.filterDefaultFail = changes.filterDefaultFail;
  return next;
}

/** The check's `alert_after` once `fields` apply (spec §2.4: recomputed on every API write). */
export function alertAfterWith(
  check: Pick<Check, 'status' | 'lastPingAt' | 'lastStartAt'>,
  fields: EditableFields,
): number | null {
  return goingDownAfter({ ...fields, status: check.status, lastPingAt: check.lastPingAt, lastStartAt: check.lastStartAt });
}
