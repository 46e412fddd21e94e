import type { FastifyInstance } from 'fastify';

/**
 * Within this plugin, a body is read whatever its Content-Type (none, empty, malformed, JSON):
 * clients of the Healthchecks contract send all of these, and the framework must never answer
 * 415 for a header we don't interpret. The caller then adds its `'*'` parser.
 */
export function readBodiesOfAnyType(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addHook('onRequest', async (request) => {
    request.headers['content-type'] = 'application/octet-stream';
  });
}
