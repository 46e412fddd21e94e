import type { FastifyInstance } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import { listBadgeUrls } from '../../checks/list-badge-urls.js';
import type { Deps } from '../../deps.js';
import { headerApiKey, registerApiEndpoint } from './api-endpoint.js';

/** `GET badges/` (spec §4.18): every tag's badge URLs and the project's (`*`); read-only keys too. */
export function badgeListRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'badges/',
      slashOptional: true,
      handlers: {
        GET: async (request, reply) => {
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
          return reply.send({ badges: await listBadgeUrls(deps, caller.projectId) });
        },
      },
    });
  };
}
