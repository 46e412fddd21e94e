import { z } from 'zod';
import { INTEGRATIONS } from '../../integrations/registry.js';
import type { JsonSchema } from './check-fields.js';

type Operation = Record<string, unknown>;
const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref('schemas', schema) } },
});
const errors = (...statuses: Array<400 | 401 | 404 | 405>) =>
  Object.fromEntries(statuses.map((s) => [String(s), ref('responses', `Status${s}`)]));
const WRITE_NOTE = 'Read-write keys only: a read-only key is a 401 `wrong api key`.';

/** A kind's `config` schema, generated from the same zod schema that validates it. */
function configSchema(kind: string): JsonSchema {
  const schema = INTEGRATIONS.get(kind)!.configSchema;
  const generated = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', target: 'draft-2020-12' }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

/** The integrations API (our extension, DESIGN.md) under `/channels/`. */
export function channelPaths(): Record<string, Record<string, Operation>> {
  const byId = [ref('parameters', 'ChannelUuid')];
  const body = (schema: string) => ({ required: true, content: { 'application/json': { schema: ref('schemas', schema) } } });
  return {
    '/channels/{id}': {
      get: {
        operationId: 'getChannel',
        summary: 'Get an integration',
        description: 'Read-only keys are accepted and see secrets in `config` masked as `********`.',
        parameters: byId,
        responses: { '200': json('ChannelDetail', 'The integration.'), ...errors(401, 404) },
      },
      patch: {
        operationId: 'updateChannel',
        summary: 'Change an integration',
        description: `${WRITE_NOTE} Only the given fields change; \`config\` is replaced whole and re-enables a disabled channel.`,
        parameters: byId,
        requestBody: body('ChannelPatch'),
        responses: { '200': json('ChannelDetail', 'The changed integration.'), ...errors(400, 401, 404) },
      },
      delete: {
        operationId: 'deleteChannel',
        summary: 'Delete an integration',
        description: WRITE_NOTE,
        parameters: byId,
        responses: { '200': json('ChannelDetail', 'The deleted integration.'), ...errors(401, 404) },
      },
    },
    '/channels/{id}/test': {
      post: {
        operationId: 'testChannel',
        summary: 'Send a test notification now',
        description: `${WRITE_NOTE} A dummy check named TEST goes down (or up, for an up-only integration).`,
        parameters: byId,
        responses: { '200': json('TestResult', 'What the provider answered.'), ...errors(401, 404) },
      },
    },
  };
}

export function channelCreateOperation(): Operation {
  return {
    operationId: 'createChannel',
    summary: 'Add an integration',
    description: `${WRITE_NOTE} Without \`checks\`, the integration is assigned to every existing check, as Healthchecks' pages do.`,
    requestBody: { required: true, content: { 'application/json': { schema: ref('schemas', 'ChannelCreate') } } },
    responses: { '201': json('ChannelDetail', 'The new integration.'), ...errors(400, 401) },
  };
}

const uuid = { type: 'string', format: 'uuid' };
const checks = {
  description: '`"*"` for every check of the project, or a list of check UUIDs.',
  oneOf: [{ const: '*' }, { type: 'array', items: uuid }],
};

export function channelSchemas(): Record<string, JsonSchema> {
  const kinds = [...INTEGRATIONS.keys()].sort();
  return {
    ChannelCreate: {
      description: 'The `config` of each kind is its stored configuration (spec §9.3).',
      oneOf: kinds.map((kind) => ({
        type: 'object',
        properties: {
          kind: { const: kind },
          name: { type: 'string', maxLength: 100 },
          config: configSchema(kind),
          checks,
          api_key: { type: 'string' },
        },
        required: ['kind', 'config'],
        additionalProperties: false,
      })),
    },
    ChannelPatch: {
      type: 'object',
      properties: { name: { type: 'string', maxLength: 100 }, config: {}, checks, api_key: { type: 'string' } },
      additionalProperties: false,
    },
    ChannelDetail: {
      type: 'object',
      properties: {
        id: uuid,
        name: { type: 'string' },
        kind: { type: 'string', enum: kinds },
        config: { description: "The kind's configuration, as in ChannelCreate." },
        checks: {
          type: 'array',
          items: { type: 'string' },
          description: 'The assigned checks by UUID; read-only keys see their `unique_key`s instead.',
        },
        disabled: { type: 'boolean', description: 'Set when a provider said the target is gone for good.' },
        last_error: { type: 'string', description: "The last delivery's error; empty when it succeeded." },
      },
      required: ['id', 'name', 'kind', 'config', 'checks', 'disabled', 'last_error'],
      additionalProperties: false,
    },
    TestResult: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, error: { type: ['string', 'null'] } },
      required: ['ok', 'error'],
      additionalProperties: false,
    },
  };
}

export const CHANNEL_UUID_PARAMETER: JsonSchema = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'An integration UUID.',
  schema: uuid,
};
