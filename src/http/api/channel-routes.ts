import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import type { Senders } from '../../alerts/integration-io.js';
import { listChannels } from '../../alerts/list-channels.js';
import { createChannel, getChannel, patchChannel, removeChannel } from '../../alerts/manage-channels.js';
import { sendTestNotification } from '../../alerts/send-test-notification.js';
import type { Deps } from '../../deps.js';
import { headerApiKey, registerApiEndpoint, uuidParam } from './api-endpoint.js';
import { parseJsonBody, writeApiKey } from './json-body.js';

/** The integrations API is our extension (DESIGN.md): v3 only; v1/v2 keep Healthchecks' GET. */
const isV3 = (request: FastifyRequest) => request.url.includes('/api/v3/');

/**
 * `GET channels/` (spec §4.17, read-write keys, Healthchecks' `{id, name, kind}` shape) and the
 * v3 integrations API: create, read, update, delete, and send a test notification.
 */
export function channelRoutes(deps: Deps, senders: Senders) {
  const writer = (request: FastifyRequest) => {
    const body = parseJsonBody(request.body);
    return { body, caller: authenticateApiKey(deps, writeApiKey(request.headers['x-api-key'], body), 'write') };
  };
  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'channels/',
      slashOptional: true,
      allowed: (request): HTTPMethods[] => (isV3(request) ? ['GET', 'POST'] : ['GET']),
      handlers: {
        GET: async (request, reply) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'write');
          const channels = await listChannels(deps, caller);
          return reply.send({ channels: channels.map((c) => ({ id: c.code, name: c.name, kind: c.kind })) });
        },
        POST: async (request, reply) => {
          const { body, caller } = writer(request);
          return reply.code(201).send(await createChannel(deps, await caller, body));
        },
      },
    });
    registerApiEndpoint(app, {
      path: 'channels/:id',
      allowed: (request): HTTPMethods[] => (isV3(request) ? ['GET', 'PATCH', 'DELETE'] : []),
      handlers: {
        GET: async (request, reply) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
          return reply.send(await getChannel(deps, caller, uuidParam(request)));
        },
        PATCH: async (request, reply) => {
          const { body, caller } = writer(request);
          return reply.send(await patchChannel(deps, await caller, uuidParam(request), body));
        },
        DELETE: async (request, reply) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'write');
          return reply.send(await removeChannel(deps, caller, uuidParam(request)));
        },
      },
    });
    registerApiEndpoint(app, {
      path: 'channels/:id/test',
      slashOptional: false,
      allowed: (request): HTTPMethods[] => (isV3(request) ? ['POST'] : []),
      handlers: {
        POST: async (request, reply) => {
          const { caller } = writer(request);
          return reply.send(await sendTestNotification(deps, senders, await caller, uuidParam(request)));
        },
      },
    });
  };
}
