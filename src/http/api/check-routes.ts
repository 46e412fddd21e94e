import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import { createCheck } from '../../checks/create-check.js';
import { getCheck, listChecks, UNIQUE_KEY, type CheckWithChannels } from '../../checks/read-checks.js';
import { deleteCheck } from '../../checks/delete-check.js';
import { pauseCheck, resumeCheck } from '../../checks/pause-check.js';
import { updateCheck } from '../../checks/update-check.js';
import type { Deps } from '../../deps.js';
import { CANONICAL_UUID } from '../../lib/ids.js';
import { headerApiKey, idParam, registerApiEndpoint, uuidParam } from './api-endpoint.js';
import { checkInput } from './check-input.js';
import { checkJson, type ApiVersion } from '../../checks/check-json.js';
import { parseJsonBody, writeApiKey } from './json-body.js';

function queryValues(request: FastifyRequest, name: string): string[] {
  const value = (request.query as Record<string, unknown>)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** `checks/` and `checks/<uuid | unique_key>` (spec §4.5–4.7, §4.10). */
export function checkRoutes(deps: Deps) {
  const send = (reply: FastifyReply, check: CheckWithChannels, version: ApiVersion, readOnly: boolean, status = 200) =>
    reply.code(status).send(checkJson(check, { version, readOnly, now: deps.clock.now(), config: deps.config }));

  /** Write requests: body parsed first (its errors come before auth's), key from header or body. */
  async function writeRequest(request: FastifyRequest) {
    const body = parseJsonBody(request.body);
    const caller = await authenticateApiKey(deps, writeApiKey(request.headers['x-api-key'], body), 'write');
    return { caller, changes: checkInput(body) };
  }

  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'checks/',
      slashOptional: true,
      handlers: {
        GET: async (request, reply, version) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
          const slug = queryValues(request, 'slug').at(-1);
          const checks = await listChecks(deps, caller, { tags: queryValues(request, 'tag'), slug });
          const ctx = { version, readOnly: caller.readOnly, now: deps.clock.now(), config: deps.config };
          return reply.send({ checks: checks.map((c) => checkJson(c, ctx)) });
        },
        POST: async (request, reply, version) => {
          const { caller, changes } = await writeRequest(request);
          const { check, created } = await createCheck(deps, caller, changes, version);
          return send(reply, check, version, false, created ? 201 : 200);
        },
      },
    });
    registerApiEndpoint(app, {
      path: 'checks/:id',
      // By unique key a check can only be read (POST → 405); by UUID it is also updated. An id
      // of neither form is not found whatever the method, as in Healthchecks' URL patterns.
      allowed: (request) =>
        UNIQUE_KEY.test(idParam(request)) && !CANONICAL_UUID.test(idParam(request)) ? ['GET'] : ['GET', 'POST', 'DELETE'],
      handlers: {
        GET: async (request, reply, version) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
          return send(reply, await getCheck(deps, caller, idParam(request)), version, caller.readOnly);
        },
        POST: async (request, reply, version) => {
          const { caller, changes } = await writeRequest(request);
          return send(reply, await updateCheck(deps, caller, idParam(request), changes, version), version, false);
        },
        // DELETE bodies are not read: the key comes from the header only (spec §4.13).
        DELETE: async (request, reply, version) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'write');
          return send(reply, await deleteCheck(deps, caller, uuidParam(request)), version, false);
        },
      },
    });
    for (const [action, run] of [
      ['pause', pauseCheck],
      ['resume', resumeCheck],
    ] as const) {
      registerApiEndpoint(app, {
        path: `checks/:id/${action}`,
        handlers: {
          POST: async (request, reply, version) => {
            const body = parseJsonBody(request.body);
            const caller = await authenticateApiKey(deps, writeApiKey(request.headers['x-api-key'], body), 'write');
            return send(reply, await run(deps, caller, uuidParam(request)), version, false);
          },
        },
      });
    }
  };
}
