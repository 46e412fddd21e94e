import { checkBodySchema, type JsonSchema } from './check-fields.js';

const string: JsonSchema = { type: 'string' };
const boolean: JsonSchema = { type: 'boolean' };
const integer: JsonSchema = { type: 'integer' };
const url: JsonSchema = { type: 'string', format: 'uri' };
const isoTime = (description: string): JsonSchema => ({ type: ['string', 'null'], format: 'date-time', description });

/** The check object's keys shared by both key kinds (spec §1.11), in Healthchecks' order. */
const CHECK_COMMON: Record<string, JsonSchema> = {
  name: string,
  slug: string,
  tags: { type: 'string', description: 'Space-separated tags.' },
  desc: string,
  grace: { type: 'integer', description: 'Seconds.' },
  n_pings: integer,
  // v1's `started` status is not part of v3: a running check keeps its status and says `started: true`.
  status: { type: 'string', enum: ['new', 'up', 'grace', 'down', 'paused'] },
  started: { type: 'boolean', description: 'A start signal was received and its run has not ended.' },
  last_ping: isoTime('Seconds precision, e.g. `2020-03-24T14:02:03+00:00`.'),
  next_ping: isoTime('When the next ping is due; null for new and paused checks.'),
  manual_resume: boolean,
  methods: { type: 'string', enum: ['', 'POST'] },
  subject: { type: 'string', description: 'Deprecated: `success_kw` when `filter_subject`, else `""`.' },
  subject_fail: { type: 'string', description: 'Deprecated: `failure_kw` when `filter_subject`, else `""`.' },
  start_kw: string,
  success_kw: string,
  failure_kw: string,
  filter_subject: boolean,
  filter_body: boolean,
  filter_http_body: boolean,
  filter_default_fail: boolean,
  badge_url: url,
  last_duration: { type: 'integer', description: 'Seconds of the last run; present only when known and non-zero.' },
};
const CHECK_KIND: Record<string, JsonSchema> = {
  timeout: { type: 'integer', description: 'Simple checks only: seconds.' },
  schedule: { type: 'string', description: 'Cron and OnCalendar checks only.' },
  tz: { type: 'string', description: 'Cron and OnCalendar checks only.' },
};

function checkSchema(description: string, keyProperties: Record<string, JsonSchema>): JsonSchema {
  const properties = { ...CHECK_COMMON, ...keyProperties, ...CHECK_KIND };
  return {
    type: 'object',
    description,
    properties,
    required: [...Object.keys(CHECK_COMMON), ...Object.keys(keyProperties)].filter((k) => k !== 'last_duration'),
    additionalProperties: false,
    oneOf: [
      { title: 'simple', required: ['timeout'] },
      { title: 'cron or OnCalendar', required: ['schedule', 'tz'] },
    ],
  };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const listOf = (key: string, item: string): JsonSchema => ({
  type: 'object',
  properties: { [key]: { type: 'array', items: ref(item) } },
  required: [key],
  additionalProperties: false,
});
const exactObject = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** `components.schemas`: request bodies from the validation table, responses per spec §1.11. */
export function openApiSchemas(): Record<string, JsonSchema> {
  return {
    CheckBody: checkBodySchema(),
    CheckReadWrite: checkSchema('A check as read-write keys see it.', {
      uuid: { type: 'string', format: 'uuid' },
      ping_url: url,
      update_url: url,
      pause_url: url,
      resume_url: url,
      channels: { type: 'string', description: 'Comma-separated UUIDs of the assigned integrations.' },
    }),
    CheckReadOnly: checkSchema('A check as read-only keys see it: a stable `unique_key` instead of its UUID and URLs.', {
      unique_key: { type: 'string', pattern: '^[0-9a-f]{40}$' },
    }),
    Check: { oneOf: [ref('CheckReadWrite'), ref('CheckReadOnly')] },
    CheckList: listOf('checks', 'Check'),
    Ping: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['success', 'start', 'fail', 'ign', 'log'] },
        date: { type: 'string', format: 'date-time', description: 'With microseconds when non-zero.' },
        n: { type: 'integer', minimum: 1 },
        scheme: { type: 'string', description: '`http`, `https` or `email`.' },
        remote_addr: { type: ['string', 'null'] },
        method: string,
        ua: string,
        rid: { type: ['string', 'null'], description: 'The run ID of the ping, if any.' },
        duration: { type: 'number', description: 'Seconds since the matching start, 2 decimals; present only when known.' },
        body_url: { type: ['string', 'null'], format: 'uri', description: 'Null when the ping has no body.' },
      },
      required: ['type', 'date', 'n', 'scheme', 'remote_addr', 'method', 'ua', 'rid', 'body_url'],
      additionalProperties: false,
    },
    PingList: listOf('pings', 'Ping'),
    Flip: exactObject({
      timestamp: { type: 'string', format: 'date-time' },
      up: { type: 'integer', enum: [0, 1], description: '1 when the new status is `up`; flips to `paused` or `new` are 0.' },
    }),
    FlipList: listOf('flips', 'Flip'),
    Channel: exactObject({ id: { type: 'string', format: 'uuid' }, name: string, kind: string }),
    ChannelList: listOf('channels', 'Channel'),
    BadgeUrls: {
      ...exactObject(Object.fromEntries(['svg', 'svg3', 'json', 'json3', 'shields', 'shields3'].map((k) => [k, url]))),
      description: 'Plain variants are 2-state badges (up, down); `…3` variants are 3-state (up, late, down).',
    },
    BadgeList: exactObject({
      badges: {
        type: 'object',
        description: 'One entry per tag used by any check, plus `*` for all checks.',
        additionalProperties: ref('BadgeUrls'),
        required: ['*'],
      },
    }),
    Error: exactObject({ error: string }),
  };
}
