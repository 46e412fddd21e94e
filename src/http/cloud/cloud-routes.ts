import type { FastifyError, FastifyInstance } from 'fastify';
import './cloud-caller.js';
import { authenticateCloud } from '../../cloud/authenticate-cloud.js';
import type { Deps } from '../../deps.js';
import { AppError, isAppError } from '../../lib/app-error.js';
import { readBodiesOfAnyType } from '../any-body.js';
import { HTTP_STATUS, isDatabaseUnavailable } from '../error-mapper.js';
import { cloudCheckRoutes } from './cloud-check-routes.js';
import { cloudParentRoutes } from './cloud-parent-routes.js';
import { cloudPortRoutes } from './cloud-port-routes.js';

/**
 * The Calyptia Cloud API (spec/calyptia.md): its own error body `{"error", "detail"?}`, so it
 * handles errors at plugin level rather than through the Management API's conventions.
 */
export function cloudRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (isAppError(error)) {
        const detail = typeof error.details?.detail === 'string' ? { detail: error.details.detail } : {};
        return reply.code(HTTP_STATUS[error.code]).send({ error: error.message, ...detail });
      }
      if (isDatabaseUnavailable(error)) {
        request.log.error({ err: error }, 'database unavailable');
        return reply.code(503).header('Retry-After', '1').send({ error: 'database unavailable' });
      }
      const status = error.statusCode;
      if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: 'internal error' });
    });
    // Bodies are JSON whatever the Content-Type says (`curl -d` sends a form type): never a 415.
    readBodiesOfAnyType(app);
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1_048_576 }, (_request, body, done) => {
      const text = String(body).trim();
      if (text === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text) as unknown);
      } catch {
        done(new AppError('bad_request', 'invalid request body'), undefined);
      }
    });
    app.addHook('preHandler', async (request) => {
      const token = request.headers['x-project-token'];
      request.cloudProjectId = await authenticateCloud(deps, {
        projectToken: typeof token === 'string' ? token : undefined,
        authorization: request.headers.authorization,
      });
    });
    await app.register(cloudParentRoutes(deps));
    await app.register(cloudPortRoutes(deps));
    await app.register(cloudCheckRoutes(deps));
  };
}
