import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import { getCheck, listChecks } from '../../checks/read-checks.js';
import type { Deps } from '../../deps.js';
import { headerApiKey, registerApiEndpoint } from './api-endpoint.js';
import { checkJson } from './check-json.js';

function queryValues(request: FastifyRequest, name: string): string[] {
  const value = (request.query as Record<string, unknown>)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** `GET checks/` and `GET checks/<uuid | unique_key>` (spec §4.5, §4.6). */
export function checkReadRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'checks/',
      slashOptional: true,
      allowed: () => ['GET'],
      handler: async (request, reply, version) => {
        const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
        const slug = queryValues(request, 'slug').at(-1);
        const checks = await listChecks(deps, caller, { tags: queryValues(request, 'tag'), slug });
        const ctx = { version, readOnly: caller.readOnly, now: deps.clock.now(), config: deps.config };
        return reply.send({ checks: checks.map((c) => checkJson(c, ctx)) });
      },
    });
    registerApiEndpoint(app, {
      path: 'checks/:id',
      // Update (POST) and delete by UUID join this set with the write endpoints; by unique key
      // a check can only ever be read.
      allowed: () => ['GET'],
      handler: async (request, reply, version) => {
        const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
        const check = await getCheck(deps, caller, (request.params as { id: string }).id);
        return reply.send(checkJson(check, { version, readOnly: caller.readOnly, now: deps.clock.now(), config: deps.config }));
      },
    });
  };
}
