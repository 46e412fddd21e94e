import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/app-error.js';
import { registerApiEndpoint } from './api-endpoint.js';
import { openApiDocument } from './openapi.js';

/** `GET /api/v3/openapi.json`: no key needed; v1 and v2 have no document of their own. */
export function openApiRoutes(deps: Pick<Deps, 'config'>) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Built once: it depends only on the (frozen) configuration.
    const document = openApiDocument(deps.config);
    registerApiEndpoint(app, {
      path: 'openapi.json',
      handlers: {
        GET: async (_request, reply, version) => {
          if (version !== 3) throw new AppError('not_found', 'no OpenAPI document for this version');
          return reply.send(document);
        },
      },
    });
  };
}
