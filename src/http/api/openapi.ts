import type { Config } from '../../config.js';
import type { JsonSchema } from './check-fields.js';
import { CHANNEL_UUID_PARAMETER, channelCreateOperation, channelPaths, channelSchemas } from './openapi-channels.js';
import { openApiSchemas } from './openapi-schemas.js';

type Operation = Record<string, unknown>;

const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref('schemas', schema) } },
});
const text = (description: string, example?: string) => ({
  description,
  content: { 'text/plain': { schema: { type: 'string', ...(example !== undefined && { examples: [example] }) } } },
});
/** Healthchecks' error statuses by name (spec §4.4); 403/404/405 have empty bodies, never JSON. */
const errors = (...statuses: Array<400 | 401 | 403 | 404 | 405>) =>
  Object.fromEntries(statuses.map((s) => [String(s), ref('responses', `Status${s}`)]));

const KEY_NOTE = 'Read-only keys are accepted.';
const WRITE_NOTE = 'Read-write keys only: a read-only key is a 401 `wrong api key`.';
const BODY_KEY_NOTE = `${WRITE_NOTE} The key may also be sent as the body's \`api_key\` field when the header is absent.`;

const checkBody = {
  required: false,
  content: { 'application/json': { schema: ref('schemas', 'CheckBody') } },
  description: 'Read as JSON whatever the Content-Type; an empty body is `{}`.',
};
const keyOnlyBody = {
  required: false,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { api_key: { description: 'The API key, used only when the `X-Api-Key` header is absent.' } },
        additionalProperties: true,
      },
    },
  },
};

function checksPaths(): Record<string, Record<string, Operation>> {
  const byUuid = [ref('parameters', 'CheckUuid')];
  const action = (operationId: string, summary: string, extra: Record<string, unknown>): Operation => ({
    operationId,
    summary,
    description: BODY_KEY_NOTE,
    parameters: byUuid,
    requestBody: keyOnlyBody,
    responses: { '200': json('CheckReadWrite', 'The check.'), ...errors(400, 401, 403, 404), ...extra },
  });
  return {
    '/checks/': {
      get: {
        operationId: 'listChecks',
        summary: 'List checks',
        description: `${KEY_NOTE} Read-only keys get the read-only check shape.`,
        parameters: [ref('parameters', 'Tag'), ref('parameters', 'Slug')],
        responses: { '200': json('CheckList', 'The checks, in no guaranteed order.'), ...errors(401) },
      },
      post: {
        operationId: 'createCheck',
        summary: 'Create a check, or update one matched by `unique`',
        description: `${BODY_KEY_NOTE} Unknown integration identifiers in \`channels\` are 400s too (no prefix).`,
        requestBody: checkBody,
        responses: {
          '201': json('CheckReadWrite', 'Created.'),
          '200': json('CheckReadWrite', 'An existing check matched by `unique` was updated.'),
          ...errors(400, 401),
          '403': { description: 'The account’s check limit is reached. Empty body.' },
        },
      },
    },
    '/checks/{id}': {
      get: {
        operationId: 'getCheck',
        summary: 'Get a check by UUID or unique key',
        description: `${KEY_NOTE} Read-only keys get the read-only shape, even by UUID.`,
        parameters: [ref('parameters', 'CheckUuidOrUniqueKey')],
        responses: { '200': json('Check', 'The check.'), ...errors(401, 403, 404) },
      },
      post: {
        operationId: 'updateCheck',
        summary: 'Update a check',
        description: `${BODY_KEY_NOTE} Only the fields given change.`,
        parameters: [{ ...ref('parameters', 'CheckUuid'), description: 'A UUID: by unique key a check is read-only (405).' }],
        requestBody: checkBody,
        responses: { '200': json('CheckReadWrite', 'The updated check.'), ...errors(400, 401, 403, 404, 405) },
      },
      delete: {
        operationId: 'deleteCheck',
        summary: 'Delete a check',
        description: `${WRITE_NOTE} The key is read from the header only.`,
        parameters: byUuid,
        responses: { '200': json('CheckReadWrite', 'The check as it was.'), ...errors(401, 403, 404) },
      },
    },
    '/checks/{id}/pause': {
      post: action('pauseCheck', 'Pause monitoring of a check', {}),
    },
    '/checks/{id}/resume': {
      post: action('resumeCheck', 'Resume monitoring of a paused check', {
        '409': text('The check is not paused.', 'check is not paused'),
      }),
    },
  };
}

const timeFilter = (name: string, maximum: number, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', minimum: 0, maximum },
});

function logPaths(): Record<string, Record<string, Operation>> {
  return {
    '/checks/{id}/pings/': {
      get: {
        operationId: 'listPings',
        summary: 'List a check’s recent pings, newest first',
        description: WRITE_NOTE,
        parameters: [ref('parameters', 'CheckUuid')],
        responses: { '200': json('PingList', 'The pings.'), ...errors(401, 403, 404) },
      },
    },
    '/checks/{id}/pings/{n}/body': {
      get: {
        operationId: 'getPingBody',
        summary: 'Get the body of a ping',
        description: WRITE_NOTE,
        parameters: [
          ref('parameters', 'CheckUuid'),
          { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: 2_147_483_647 } },
        ],
        responses: {
          '200': text('The exact bytes the ping carried.'),
          ...errors(401, 403),
          '404': { description: 'No such ping, outside the ping log, or it has no body. Empty body.' },
          '503': { description: 'The body store is unavailable. Empty body.' },
        },
      },
    },
    '/checks/{id}/flips/': {
      get: {
        operationId: 'listFlips',
        summary: 'List a check’s status changes, newest first',
        description: `${KEY_NOTE} Filters combine.`,
        parameters: [
          ref('parameters', 'CheckUuidOrUniqueKey'),
          timeFilter('seconds', 31_536_000, 'Only flips of the last N seconds (0: no filter).'),
          timeFilter('start', 10_000_000_000, 'Only flips at or after this UNIX time.'),
          timeFilter('end', 10_000_000_000, 'Only flips before this UNIX time.'),
        ],
        responses: {
          '200': json('FlipList', 'The flips.'),
          '400': { description: 'A filter is not an integer in range. Empty body.' },
          ...errors(401, 403, 404),
        },
      },
    },
  };
}

function projectPaths(): Record<string, Record<string, Operation>> {
  const open = { security: [] };
  return {
    '/channels/': {
      get: {
        operationId: 'listChannels',
        summary: 'List the project’s integrations',
        description: WRITE_NOTE,
        responses: { '200': json('ChannelList', 'The integrations.'), ...errors(401) },
      },
      post: channelCreateOperation(),
    },
    '/badges/': {
      get: {
        operationId: 'listBadges',
        summary: 'List badge URLs per tag',
        description: KEY_NOTE,
        responses: { '200': json('BadgeList', 'The badge URLs.'), ...errors(401) },
      },
    },
    '/status/': {
      get: {
        operationId: 'getStatus',
        summary: 'Database health (any method is answered alike)',
        ...open,
        responses: { '200': text('The database answers.', 'OK'), '503': text('The database is unreachable.') },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        ...open,
        responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  };
}

const ID_DESCRIPTION = 'A check UUID in lowercase canonical form.';
const PARAMETERS: Record<string, JsonSchema> = {
  ChannelUuid: CHANNEL_UUID_PARAMETER,
  CheckUuid: { name: 'id', in: 'path', required: true, description: ID_DESCRIPTION, schema: { type: 'string', format: 'uuid' } },
  CheckUuidOrUniqueKey: {
    name: 'id',
    in: 'path',
    required: true,
    description: `${ID_DESCRIPTION} Or the check's \`unique_key\` (40 characters), as read-only keys see it.`,
    schema: { type: 'string', pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-z0-9]{40})$' },
  },
  Tag: {
    name: 'tag',
    in: 'query',
    required: false,
    description: 'Only checks having every given tag (repeatable).',
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
  },
  Slug: { name: 'slug', in: 'query', required: false, description: 'Only checks with this slug.', schema: { type: 'string' } },
};

const RESPONSES = {
  Status400: json('Error', 'The body is not a JSON object, or a field is invalid: `json validation error: <field> …`.'),
  Status401: json('Error', '`missing api key` (absent or not 32 characters) or `wrong api key`.'),
  Status403: { description: 'The check belongs to another project. Empty body.' },
  Status404: { description: 'No such check (or path form). Empty body.' },
  Status405: { description: 'Method not allowed for this path form. Empty body.' },
};

const DESCRIPTION = `A drop-in for the Healthchecks.io Management API v3.

Every operation but \`/status/\` answers \`OPTIONS\` with 204 and sends CORS headers (\`Access-Control-Allow-Origin: *\`);
any other method is a 405 with an empty body. Paths ending in \`/\` are also served without it.
Request bodies are read as JSON whatever their Content-Type, and JSON is never coerced (\`"60"\` is not \`60\`).`;

/** The OpenAPI 3.1 document of `/api/v3` (v1 and v2 differ only as spec §4.21 says). */
export function openApiDocument(config: Pick<Config, 'siteRoot'>): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Watchpost Management API', version: '3', description: DESCRIPTION },
    servers: [{ url: `${config.siteRoot}/api/v3` }],
    security: [{ ApiKey: [] }],
    paths: { ...checksPaths(), ...logPaths(), ...projectPaths(), ...channelPaths() },
    components: {
      securitySchemes: {
        ApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description:
            'A project API key (32 characters): read-write, or read-only (`hcr_…`) where an operation says so. ' +
            'POST operations that write also accept the key as the JSON body field `api_key` when the header ' +
            'is absent; a header that is present, even empty, wins.',
        },
      },
      parameters: PARAMETERS,
      responses: RESPONSES,
      schemas: { ...openApiSchemas(), ...channelSchemas() },
    },
  };
}
