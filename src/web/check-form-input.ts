import type { Check } from '../domain/check.js';
import type { CheckChanges } from '../domain/check-changes.js';
import { detectScheduleKind, isValidSchedule } from '../domain/schedule/index.js';
import { isCanonicalTimezone } from '../domain/timezones.js';
import { CHECK_LIMITS } from '../domain/check-limits.js';

/**
 * The details page's forms → the changes the API's update takes, with the API's limits
 * (domain/check-limits.ts, spec §4.7) plus the UI's stricter ones (spec §2.8, §2.9, §2.11: cron
 * has exactly five fields, OnCalendar lines at most four parts, only canonical zone names).
 * Every problem is reported, each by its field, to be shown beside it.
 */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;
export type FormResult = { ok: true; changes: CheckChanges } | { ok: false; errors: FormErrors };

/** One string per field: the last of repeated values, '' when absent. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') values[key] = last;
  }
  return values;
}

export const DURATION_UNITS = { minutes: 60, hours: 3_600, days: 86_400, seconds: 1 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;
const { textMax, keywordsMax, durationMinSeconds: MIN_SECONDS, durationMaxSeconds: MAX_SECONDS } = CHECK_LIMITS;

/** The largest unit that states `seconds` exactly, for the form's number + unit pair. */
export function inUnits(seconds: number): { value: string; unit: DurationUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds % DURATION_UNITS[unit] === 0) return { value: String(seconds / DURATION_UNITS[unit]), unit };
  }
  return { value: String(seconds), unit: 'seconds' };
}

/** Python's len(): code points. */
const tooLong = (value: string, max: number) => [...value].length > max;

const SLUG = new RegExp(CHECK_LIMITS.slugPattern);

function durationSeconds(values: FormValues, name: string, label: string, errors: FormErrors): number | undefined {
  const text = (values[`${name}_value`] ?? '').trim();
  const unit = values[`${name}_unit`] ?? '';
  if (!/^\d{1,9}$/.test(text) || !Object.hasOwn(DURATION_UNITS, unit)) {
    errors[name] = `${label} must be a whole number of minutes, hours or days.`;
    return undefined;
  }
  const seconds = Number(text) * DURATION_UNITS[unit as DurationUnit];
  if (seconds < MIN_SECONDS) errors[name] = `${label} must be at least 1 minute.`;
  else if (seconds > MAX_SECONDS) errors[name] = `${label} must be at most 365 days.`;
  else return seconds;
  return undefined;
}

const result = (changes: CheckChanges, errors: FormErrors): FormResult =>
  Object.keys(errors).length ? { ok: false, errors } : { ok: true, changes };

/** Name, slug, tags (normalized to single spaces), description. */
export function nameFormInput(values: FormValues): FormResult {
  const errors: FormErrors = {};
  const name = (values.name ?? '').trim();
  const slug = (values.slug ?? '').trim();
  if (tooLong(name, textMax)) errors.name = `The name can have at most ${textMax} characters.`;
  if (tooLong(slug, textMax)) errors.slug = `The slug can have at most ${textMax} characters.`;
  else if (!SLUG.test(slug)) errors.slug = 'The slug may contain only lowercase letters, digits, hyphens and underscores.';
  const tags = (values.tags ?? '').split(/\s+/).filter(Boolean).join(' ');
  return result({ unique: [], name, slug, tags, desc: values.desc ?? '' }, errors);
}

function scheduleExpr(values: FormValues, kind: 'cron' | 'oncalendar', errors: FormErrors): string | undefined {
  const field = `${kind}_expr`;
  const expr = (values[field] ?? '').trim().replace(/\r\n/g, '\n');
  const label = kind === 'cron' ? 'cron expression' : 'OnCalendar expression';
  if (expr === '') errors[field] = `Enter a ${label}.`;
  else if (tooLong(expr, textMax)) errors[field] = `The ${label} can have at most ${textMax} characters.`;
  else if (kind === 'cron' && detectScheduleKind(expr) !== 'cron')
    errors[field] = 'A cron expression has five fields: minute, hour, day of month, month and day of week.';
  else if (kind === 'oncalendar' && expr.split('\n').some((line) => line.trim().split(/\s+/).length > 4))
    errors[field] = 'Each OnCalendar line has at most four parts: weekdays, date, time and time zone.';
  else if (!isValidSchedule(kind, expr)) errors[field] = `Not a valid ${label}.`;
  else return expr;
  return undefined;
}

/** Kind, period or expression and zone, grace. */
export function scheduleFormInput(values: FormValues): FormResult {
  const errors: FormErrors = {};
  const kind = values.kind ?? '';
  const changes: CheckChanges = { unique: [] };
  const grace = durationSeconds(values, 'grace', 'The grace time', errors);
  if (grace !== undefined) changes.graceSeconds = grace;
  if (kind === 'simple') {
    const timeout = durationSeconds(values, 'timeout', 'The period', errors);
    if (timeout !== undefined) changes.timeoutSeconds = timeout;
  } else if (kind === 'cron' || kind === 'oncalendar') {
    const expr = scheduleExpr(values, kind, errors);
    if (expr !== undefined) changes.schedule = { expr, kind };
    const tz = values.tz ?? '';
    if (isCanonicalTimezone(tz)) changes.tz = tz;
    else errors.tz = 'Not a valid time zone.';
  } else {
    errors.kind = 'Choose simple, cron or OnCalendar.';
  }
  return result(changes, errors);
}

/** Methods, keyword filters for HTTP bodies and email, keywords, default, manual resume. */
export function filterFormInput(values: FormValues): FormResult {
  const errors: FormErrors = {};
  const on = (name: string) => values[name] === '1';
  const keywords = (name: 'start_kw' | 'success_kw' | 'failure_kw') => {
    const value = (values[name] ?? '').trim();
    if (tooLong(value, keywordsMax)) errors[name] = `At most ${keywordsMax} characters.`;
    return value;
  };
  const changes: CheckChanges = {
    unique: [],
    methods: values.methods === 'POST' ? 'POST' : '',
    filterHttpBody: on('filter_http_body'),
    filterSubject: on('filter_subject'),
    filterBody: on('filter_body'),
    filterDefaultFail: on('filter_default_fail'),
    startKw: keywords('start_kw'),
    successKw: keywords('success_kw'),
    failureKw: keywords('failure_kw'),
    manualResume: on('manual_resume'),
  };
  return result(changes, errors);
}

const bit = (b: boolean) => (b ? '1' : '');

/** A check as the three forms show it. */
export function checkFormValues(check: Check): FormValues {
  const timeout = inUnits(check.timeoutSeconds);
  const grace = inUnits(check.graceSeconds);
  return {
    name: check.name,
    slug: check.slug,
    tags: check.tags,
    desc: check.desc,
    kind: check.kind,
    timeout_value: timeout.value,
    timeout_unit: timeout.unit,
    grace_value: grace.value,
    grace_unit: grace.unit,
    cron_expr: check.kind === 'cron' ? check.schedule : '0 * * * *',
    oncalendar_expr: check.kind === 'oncalendar' ? check.schedule : '*-*-* 00:00:00',
    tz: check.tz,
    methods: check.methods,
    filter_http_body: bit(check.filterHttpBody),
    filter_subject: bit(check.filterSubject),
    filter_body: bit(check.filterBody),
    filter_default_fail: bit(check.filterDefaultFail),
    start_kw: check.startKw,
    success_kw: check.successKw,
    failure_kw: check.failureKw,
    manual_resume: bit(check.manualResume),
  };
}
