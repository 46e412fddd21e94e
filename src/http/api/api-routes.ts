import type { FastifyInstance } from 'fastify';
import type { Senders } from '../../alerts/integration-io.js';
import type { Deps } from '../../deps.js';
import { readBodiesOfAnyType } from '../any-body.js';
import { badgeListRoutes } from './badge-list-routes.js';
import { channelRoutes } from './channel-routes.js';
import { checkRoutes } from './check-routes.js';
import { flipRoutes } from './flip-routes.js';
import { internalRoutes } from './internal-routes.js';
import { openApiRoutes } from './openapi-routes.js';
import { pingRoutes } from './ping-routes.js';

/** The Management API v1/v2/v3 (spec §4), in one plugin so its body handling stays its own. */
export function apiRoutes(deps: Deps, senders: Senders) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Clients send JSON under any Content-Type (or none), and bodies with GETs: read the bytes,
    // and let each endpoint decide what a body means (spec/clients.md).
    readBodiesOfAnyType(app);
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_request, body, done) => done(null, body));
    await app.register(checkRoutes(deps));
    await app.register(badgeListRoutes(deps));
    await app.register(pingRoutes(deps));
    await app.register(flipRoutes(deps));
    await app.register(channelRoutes(deps, senders));
    await app.register(internalRoutes(deps));
    await app.register(openApiRoutes(deps));
  };
}
