import type { CheckChanges, UniqueField } from '../../domain/check-changes.js';
import { CHECK_LIMITS } from '../../domain/check-limits.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 embeds it). */
export type JsonSchema = { [keyword: string]: unknown };

/** Formats JSON Schema cannot check by itself: `checkInput` does, the document names them. */
export type CheckFieldFormat = 'cron-or-oncalendar' | 'iana-timezone';

type ChangeKey<T> = { [K in keyof CheckChanges]-?: NonNullable<CheckChanges[K]> extends T ? K : never }[keyof CheckChanges];

export type CheckFieldRule = { description: string } & (
  | {
      type: 'string';
      change: ChangeKey<string> | 'schedule';
      maxLength?: number;
      pattern?: string;
      /** Checked before the type: Healthchecks says `has unexpected value` even for a non-string. */
      enum?: readonly string[];
      format?: CheckFieldFormat;
    }
  | { type: 'boolean'; change: ChangeKey<boolean> }
  | { type: 'integer'; change: ChangeKey<number>; minimum: number; maximum: number }
  | { type: 'array'; change: 'unique'; items: readonly UniqueField[] }
);

const seconds = (change: ChangeKey<number>, description: string): CheckFieldRule => ({
  type: 'integer',
  change,
  minimum: CHECK_LIMITS.durationMinSeconds,
  maximum: CHECK_LIMITS.durationMaxSeconds,
  description: `${description} Seconds, as a JSON integer literal: \`3600.0\` and \`36e2\` are refused.`,
});
const text = (change: ChangeKey<string>, description: string, maxLength?: number): CheckFieldRule =>
  maxLength === undefined ? { type: 'string', change, description } : { type: 'string', change, maxLength, description };
const flag = (change: ChangeKey<boolean>, description: string): CheckFieldRule => ({ type: 'boolean', change, description });

/**
 * The create/update body (spec §4.7), in the order Healthchecks validates it: only the first
 * failing field is reported (spec §4.8), so this key order is part of the wire contract.
 * `checkInput` validates with it and `checkBodySchema` documents it.
 */
export const CHECK_FIELDS: Readonly<Record<string, CheckFieldRule>> = {
  channels: text('channels', '`*` (all integrations), `""` (none) or comma-separated integration UUIDs or names.'),
  desc: text('desc', 'Description.'),
  failure_kw: text('failureKw', 'Keywords that make an email ping a failure.', CHECK_LIMITS.keywordsMax),
  filter_subject: flag('filterSubject', 'Look for keywords in the subject of email pings.'),
  filter_body: flag('filterBody', 'Look for keywords in the body of email pings.'),
  filter_http_body: flag('filterHttpBody', 'Look for keywords in the body of HTTP pings.'),
  filter_default_fail: flag('filterDefaultFail', 'Treat a ping matching no keyword as a failure.'),
  grace: seconds('graceSeconds', 'Grace period.'),
  manual_resume: flag('manualResume', 'Stay down until resumed, ignoring pings.'),
  methods: {
    type: 'string',
    change: 'methods',
    enum: ['', 'POST'],
    description: '`POST` to accept only POST pings, `""` for any method.',
  },
  name: text('name', 'Name.', CHECK_LIMITS.textMax),
  schedule: {
    type: 'string',
    change: 'schedule',
    maxLength: CHECK_LIMITS.textMax,
    format: 'cron-or-oncalendar',
    description:
      'A cron expression (5 fields) or a systemd OnCalendar expression; giving one makes the check a cron or ' +
      'OnCalendar check and any `timeout` in the same request is ignored. Blank means no change.',
  },
  slug: {
    type: 'string',
    change: 'slug',
    maxLength: CHECK_LIMITS.textMax,
    pattern: CHECK_LIMITS.slugPattern,
    description: 'Slug (v3 never derives it from the name).',
  },
  start_kw: text('startKw', 'Keywords that make an email ping a start signal.', CHECK_LIMITS.keywordsMax),
  subject: text('subject', 'Deprecated: sets `success_kw` and recomputes `filter_subject`.', CHECK_LIMITS.keywordsMax),
  subject_fail: text('subjectFail', 'Deprecated: sets `failure_kw` and recomputes `filter_subject`.', CHECK_LIMITS.keywordsMax),
  success_kw: text('successKw', 'Keywords that make an email ping a success.', CHECK_LIMITS.keywordsMax),
  tags: text('tags', 'Space-separated tags.'),
  timeout: seconds('timeoutSeconds', 'Expected period of a simple check; makes the check simple unless `schedule` is given.'),
  tz: {
    type: 'string',
    change: 'tz',
    format: 'iana-timezone',
    description:
      'A tzdata 2025b zone name, or a legacy alias that is stored as its canonical name (`Europe/Kiev` → `Europe/Kyiv`).',
  },
  unique: {
    type: 'array',
    change: 'unique',
    items: ['name', 'slug', 'tags', 'timeout', 'grace'],
    description:
      'Create only: when every listed field is in the request and the oldest check with equal values exists, ' +
      'update that one (200) instead of creating one (201). Validated but ignored on update.',
  },
};

function fieldSchema(rule: CheckFieldRule): JsonSchema {
  const { description } = rule;
  switch (rule.type) {
    case 'string': {
      const { maxLength, pattern, format } = rule;
      return {
        type: 'string',
        ...(rule.enum && { enum: [...rule.enum] }),
        ...(maxLength !== undefined && { maxLength }),
        ...(pattern !== undefined && { pattern }),
        ...(format !== undefined && { format }),
        description,
      };
    }
    case 'boolean':
      return { type: 'boolean', description };
    case 'integer':
      return { type: 'integer', minimum: rule.minimum, maximum: rule.maximum, description };
    case 'array':
      return { type: 'array', items: { type: 'string', enum: [...rule.items] }, description };
  }
}

/** The JSON Schema of the create/update body, generated from the same table `checkInput` runs. */
export function checkBodySchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, rule] of Object.entries(CHECK_FIELDS)) properties[name] = fieldSchema(rule);
  properties.api_key = {
    description:
      'The API key, used only when the `X-Api-Key` header is absent. Any JSON value is stringified; ' +
      'a missing or wrong key is a 401, never a 400.',
  };
  return {
    type: 'object',
    description:
      'Every field is optional; on update only the fields given change. Unknown fields are ignored. ' +
      '`null` is refused for every field. Only the first failing field is reported.',
    properties,
    additionalProperties: true,
  };
}
