import type { FastifyInstance } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import { listChannels } from '../../alerts/list-channels.js';
import type { Deps } from '../../deps.js';
import { headerApiKey, registerApiEndpoint } from './api-endpoint.js';

/** `GET channels/` (spec §4.17): read-write keys only, Healthchecks' `{id, name, kind}` shape. */
export function channelRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'channels/',
      slashOptional: true,
      handlers: {
        GET: async (request, reply) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'write');
          const channels = await listChannels(deps, caller);
          return reply.send({ channels: channels.map((c) => ({ id: c.code, name: c.name, kind: c.kind })) });
        },
      },
    });
  };
}
