import { isLosslessNumber } from 'lossless-json';
import type { CheckChanges } from '../../domain/check-changes.js';
import { detectScheduleKind, isValidSchedule } from '../../domain/schedule/index.js';
import { canonicalTimezone } from '../../domain/timezones.js';
import { AppError } from '../../lib/app-error.js';
import { CHECK_FIELDS, type CheckFieldFormat, type CheckFieldRule } from './check-fields.js';

const fail = (problem: string): never => {
  throw new AppError('bad_request', `json validation error: ${problem}`);
};

/** Python's `len()`, as Healthchecks and JSON Schema's maxLength count: code points, not UTF-16 units. */
const tooLong = (value: string, maxLength: number) => value.length > maxLength && [...value].length > maxLength;

/** What JSON Schema can only name: the value stored, or `undefined` for no change. */
const FORMATS: Record<CheckFieldFormat, (value: string) => unknown> = {
  'cron-or-oncalendar': (expr) => {
    if (expr.trim() === '') return undefined;
    const kind = detectScheduleKind(expr);
    if (!isValidSchedule(kind, expr)) fail('schedule is not a valid cron or OnCalendar expression');
    return { expr, kind };
  },
  'iana-timezone': (name) => canonicalTimezone(name) ?? fail('tz is not a valid timezone'),
};

/** A JSON integer literal (lossless-json keeps its text): `3600.0` is refused as Python refuses a float. */
function integer(field: string, value: unknown): bigint {
  // `true`/`false` count as 1/0 as in Python: too small rather than not a number.
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (isLosslessNumber(value) && /^-?\d+$/.test(value.value)) return BigInt(value.value);
  return fail(`${field} is not a number`);
}

function fieldValue(field: string, rule: CheckFieldRule, value: unknown): unknown {
  switch (rule.type) {
    case 'string': {
      if (rule.enum) return rule.enum.includes(value as string) ? value : fail(`${field} has unexpected value`);
      if (typeof value !== 'string') return fail(`${field} is not a string`);
      if (rule.maxLength !== undefined && tooLong(value, rule.maxLength)) fail(`${field} is too long`);
      // The `u` flag is how JSON Schema validators compile `pattern`, so both read it alike.
      if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(value)) fail(`${field} does not match pattern`);
      return rule.format ? FORMATS[rule.format](value) : value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(`${field} is not a boolean`);
    case 'integer': {
      const n = integer(field, value);
      if (n > BigInt(rule.maximum)) fail(`${field} is too large`);
      if (n < BigInt(rule.minimum)) fail(`${field} is too small`);
      return Number(n);
    }
    case 'array':
      if (!Array.isArray(value)) return fail(`${field} is not an array`);
      for (const item of value as unknown[]) {
        if (!rule.items.includes(item as never)) fail(`an item in '${field}' has unexpected value`);
      }
      return value;
  }
}

/** Validates a create/update body into changes; the first problem is a 400 (spec §4.8). */
export function checkInput(body: Record<string, unknown>): CheckChanges {
  const changes: CheckChanges = { unique: [] };
  for (const [field, rule] of Object.entries(CHECK_FIELDS)) {
    if (!(field in body)) continue;
    const value = fieldValue(field, rule, body[field]);
    // The table pairs each field with a change of the type its rule produces.
    if (value !== undefined) Object.assign(changes, { [rule.change]: value });
  }
  return changes;
}
