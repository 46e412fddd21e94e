import { isLosslessNumber } from 'lossless-json';
import type { CheckChanges, UniqueField } from '../../domain/check-changes.js';
import { detectScheduleKind, isValidSchedule } from '../../domain/schedule/index.js';
import { canonicalTimezone } from '../../domain/timezones.js';
import { AppError } from '../../lib/app-error.js';

const MAX_DURATION_SECONDS = 31_536_000;
const UNIQUE_FIELDS: readonly UniqueField[] = ['name', 'slug', 'tags', 'timeout', 'grace'];

/** Healthchecks reports only the first failing field, in this order (spec §4.8). */
const FIELD_ORDER = [
  'channels',
  'desc',
  'failure_kw',
  'filter_subject',
  'filter_body',
  'filter_http_body',
  'filter_default_fail',
  'grace',
  'manual_resume',
  'methods',
  'name',
  'schedule',
  'slug',
  'start_kw',
  'subject',
  'subject_fail',
  'success_kw',
  'tags',
  'timeout',
  'tz',
  'unique',
] as const;
type Field = (typeof FIELD_ORDER)[number];

const fail = (problem: string): never => {
  throw new AppError('bad_request', `json validation error: ${problem}`);
};

function text(field: Field, value: unknown, maxLength?: number): string {
  if (typeof value !== 'string') return fail(`${field} is not a string`);
  if (maxLength !== undefined && value.length > maxLength) fail(`${field} is too long`);
  return value;
}

function flag(field: Field, value: unknown): boolean {
  return typeof value === 'boolean' ? value : fail(`${field} is not a boolean`);
}

/** A JSON integer of seconds; `true`/`false` count as 1/0 as in Python. Never rounded. */
function seconds(field: Field, value: unknown): number {
  let n: bigint;
  if (typeof value === 'boolean') n = value ? 1n : 0n;
  else if (isLosslessNumber(value) && /^-?\d+$/.test(value.value)) n = BigInt(value.value);
  else return fail(`${field} is not a number`);
  if (n > BigInt(MAX_DURATION_SECONDS)) fail(`${field} is too large`);
  if (n < 60n) fail(`${field} is too small`);
  return Number(n);
}

/** Validates a create/update body into changes; the first problem is a 400 (spec §4.8). */
export function checkInput(body: Record<string, unknown>): CheckChanges {
  const changes: CheckChanges = { unique: [] };
  for (const field of FIELD_ORDER) {
    if (!(field in body)) continue;
    const v = body[field];
    switch (field) {
      case 'channels':
        changes.channels = text(field, v);
        break;
      case 'desc':
        changes.desc = text(field, v);
        break;
      case 'tags':
        changes.tags = text(field, v);
        break;
      case 'name':
        changes.name = text(field, v, 100);
        break;
      case 'slug':
        changes.slug = text(field, v, 100);
        if (!/^[a-z0-9_-]*$/.test(changes.slug)) fail('slug does not match pattern');
        break;
      case 'start_kw':
        changes.startKw = text(field, v, 200);
        break;
      case 'success_kw':
        changes.successKw = text(field, v, 200);
        break;
      case 'failure_kw':
        changes.failureKw = text(field, v, 200);
        break;
      case 'subject':
        changes.subject = text(field, v, 200);
        break;
      case 'subject_fail':
        changes.subjectFail = text(field, v, 200);
        break;
      case 'filter_subject':
        changes.filterSubject = flag(field, v);
        break;
      case 'filter_body':
        changes.filterBody = flag(field, v);
        break;
      case 'filter_http_body':
        changes.filterHttpBody = flag(field, v);
        break;
      case 'filter_default_fail':
        changes.filterDefaultFail = flag(field, v);
        break;
      case 'manual_resume':
        changes.manualResume = flag(field, v);
        break;
      case 'grace':
        changes.graceSeconds = seconds(field, v);
        break;
      case 'timeout':
        changes.timeoutSeconds = seconds(field, v);
        break;
      case 'methods':
        if (v !== '' && v !== 'POST') fail('methods has unexpected value');
        changes.methods = v as '' | 'POST';
        break;
      case 'schedule': {
        const expr = text(field, v, 100);
        if (expr.trim() === '') break;
        const kind = detectScheduleKind(expr);
        if (!isValidSchedule(kind, expr)) fail('schedule is not a valid cron or OnCalendar expression');
        changes.schedule = { expr, kind };
        break;
      }
      case 'tz':
        changes.tz = canonicalTimezone(text(field, v)) ?? fail('tz is not a valid timezone');
        break;
      case 'unique':
        if (!Array.isArray(v)) fail('unique is not an array');
        for (const item of v as unknown[]) {
          if (!UNIQUE_FIELDS.includes(item as UniqueField)) fail("an item in 'unique' has unexpected value");
        }
        changes.unique = v as UniqueField[];
        break;
    }
  }
  return changes;
}
