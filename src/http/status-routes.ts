import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { pingDatabase } from '../store/database-reachable.js';
import { isDatabaseUnavailable } from './error-mapper.js';

/** `GET /api/vN/status/` (spec §4.19): 200 `OK` when the database answers, 503 otherwise. */
export function statusRoutes(deps: Pick<Deps, 'store'>) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.all('/api/:version/status', handler);
    app.all('/api/:version/status/', handler);
  };

  async function handler(this: FastifyInstance, request: { params: unknown }, reply: import('fastify').FastifyReply) {
    const { version } = request.params as { version: string };
    if (!/^v[123]$/.test(version)) return reply.code(404).send({ error: 'not found' });
    try {
      await pingDatabase(deps.store);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return reply.code(503).type('text/plain; charset=utf-8').send('database unavailable');
    }
    return reply.type('text/plain; charset=utf-8').send('OK');
  }
}
