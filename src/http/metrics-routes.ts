import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { projectMetrics } from '../checks/project-metrics.js';
import type { Deps } from '../deps.js';
import { readBodiesOfAnyType } from './any-body.js';
import { AppError } from '../lib/app-error.js';
import { operationalMetrics } from '../checks/operational-metrics.js';

export interface MetricsRouteOptions {
  /** PROMETHEUS_ENABLED: when false the per-project endpoints are not served (404). */
  readonly prometheusEnabled: boolean;
  /** METRICS_KEY: null or empty leaves `/api/vN/metrics/` answering 403 to everyone. */
  readonly metricsKey: string | null;
}

// Healthchecks' URL converters: a lowercase UUID and a slug; anything else is no route (404).
const PROJECT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[-A-Za-z0-9_]+$/;
// Prometheus' own content type; its media type is Healthchecks' `text/plain`.
const EXPOSITION_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type PathParams = { Params: { code: string; key: string } };
type CodeParams = { Params: { code: string } };

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Spec §11: the per-project Prometheus endpoint (key in the path, on the legacy path, or as a
 * Bearer token) and the internal operational metrics of §4.20.
 */
export function metricsRoutes(deps: Deps, options: MetricsRouteOptions) {
  const sendMetrics = async (reply: FastifyReply, key: string) =>
    reply.type(EXPOSITION_TYPE).send(await projectMetrics(deps, key));

  async function byPath(request: FastifyRequest<PathParams>, reply: FastifyReply) {
    const { code, key } = request.params;
    if (!PROJECT_UUID.test(code) || !SLUG.test(key)) return reply.callNotFound();
    return sendMetrics(reply, key);
  }

  async function byBearer(request: FastifyRequest<CodeParams>, reply: FastifyReply) {
    if (!PROJECT_UUID.test(request.params.code)) return reply.callNotFound();
    const header = request.headers.authorization;
    // Only the literal prefix goes (item 189): a key that itself starts with "B" stays whole.
    if (header === undefined || !header.startsWith('Bearer ')) {
      throw new AppError('unauthorized', 'missing Authorization: Bearer <read-only key>');
    }
    return sendMetrics(reply, header.slice('Bearer '.length));
  }

  async function operational(request: FastifyRequest<{ Params: { version: string } }>, reply: FastifyReply) {
    if (!/^v[123]$/.test(request.params.version)) return reply.callNotFound();
    const presented = request.headers['x-metrics-key'];
    if (!options.metricsKey || typeof presented !== 'string' || !sameSecret(presented, options.metricsKey)) {
      throw new AppError('forbidden', 'wrong or missing X-Metrics-Key');
    }
    return reply.send(await operationalMetrics(deps));
  }

  return async function register(app: FastifyInstance): Promise<void> {
    // Healthchecks reads no body here: whatever a client sends with any method cannot fail parsing.
    readBodiesOfAnyType(app);
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
    if (options.prometheusEnabled) {
      app.get('/projects/:code/metrics/:key', byPath);
      app.get('/projects/:code/checks/metrics/:key', byPath);
      // Answered with and without the slash (DESIGN.md: no redirects on API paths).
      app.get('/projects/:code/metrics/', byBearer);
      app.get('/projects/:code/metrics', byBearer);
    }
    app.all('/api/:version/metrics/', operational);
    app.all('/api/:version/metrics', operational);
  };
}
