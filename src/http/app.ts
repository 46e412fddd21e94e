import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Senders } from '../alerts/integration-io.js';
import type { Deps } from '../deps.js';
import type { PingRecorder } from '../ping/record-ping.js';
import { apiRoutes } from './api/api-routes.js';
import { cloudRoutes } from './cloud/cloud-routes.js';
import { badgeRoutes } from './badge-routes.js';
import { installErrorMapper, isManagementApi } from './error-mapper.js';
import { metricsRoutes } from './metrics-routes.js';
import { pingRoutes } from './ping-routes.js';
import { statusRoutes } from './status-routes.js';
import { WEB_ROUTES } from '../web/routes.js';
import { notFoundHtml } from '../web/not-found-page.js';
import { webPlugin } from '../web/web-plugin.js';

/**
 * On stop, requests already being served still get their answer, but on a connection that then
 * closes: otherwise a busy keep-alive connection would hold the stop for the keep-alive timeout.
 */
function closeKeptAliveConnectionsOnStop(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}

/** Routes live under SITE_ROOT's path when it has one (spec §3.1). */
function routePrefix(siteRoot: string): string {
  return new URL(siteRoot).pathname.replace(/\/+$/, '');
}

export async function buildApp(deps: Deps, recorder: PingRecorder, senders: Senders): Promise<FastifyInstance> {
  // pino's Logger and Fastify's logger type differ only in generics; they are the same object.
  const logger: FastifyBaseLogger = deps.log.child({ component: 'http' });
  const app = Fastify({
    loggerInstance: logger,
    // One log line per ping would cost more than the ping; the error mapper logs failures.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: true,
  });
  installErrorMapper(app);
  const prefix = routePrefix(deps.config.siteRoot);
  closeKeptAliveConnectionsOnStop(app);
  // Healthchecks' API answers unknown paths with an empty 404 (never JSON); elsewhere we explain.
  app.setNotFoundHandler((request, reply) => {
    if (isManagementApi(request.url)) return reply.code(404).send();
    // a person following a stale link gets a page, a program the JSON error
    if (request.headers.accept?.includes('text/html')) {
      return reply.code(404).type('text/html; charset=utf-8').send(notFoundHtml(deps.config.siteName, prefix));
    }
    return reply.code(404).send({ error: 'not found' });
  });
  await app.register(pingRoutes(deps.config, recorder), { prefix });
  await app.register(statusRoutes(deps), { prefix });
  await app.register(badgeRoutes(deps), { prefix });
  await app.register(
    metricsRoutes(deps, { prometheusEnabled: deps.config.prometheusEnabled, metricsKey: deps.config.metricsKey }),
    { prefix },
  );
  await app.register(apiRoutes(deps, senders), { prefix });
  await app.register(cloudRoutes(deps), { prefix });
  await app.register(webPlugin(deps, senders, recorder, prefix, WEB_ROUTES), { prefix });
  return app;
}
