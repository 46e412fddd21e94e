import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderCheckBadge, renderProjectBadge, type BadgeAnswer } from '../checks/render-badge.js';
import type { Deps } from '../deps.js';
import { parseCheckBadgePath, parseProjectBadgePath, type BadgePath } from './badge-path.js';

/** Healthchecks' `cors("GET")` wrapper (spec §4.2). */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'X-Api-Key',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-max-age': '600',
};

/** Django's never_cache: badges must show the status now, not a CDN's copy (spec §6.1). */
const NEVER_CACHE = 'max-age=0, no-cache, no-store, must-revalidate, private';

/**
 * Badge images (spec §6): `/badge/<project badge_key>/<sig>[/<tag>].<fmt>` and
 * `/b/<states>/<check badge_key>.<fmt>`. URLs that match neither pattern, and unknown check
 * badge keys, get the app's generic 404 without CORS headers, as in Healthchecks.
 */
export function badgeRoutes(deps: Pick<Deps, 'store' | 'clock' | 'config' | 'secretKey'>) {
  return async function register(app: FastifyInstance): Promise<void> {
    const prefix = app.prefix;
    app.all('/badge/*', (request, reply) => serve(request, reply, parseProjectBadgePath(rawRest(request, `${prefix}/badge/`))));
    app.all('/b/*', (request, reply) => serve(request, reply, parseCheckBadgePath(rawRest(request, `${prefix}/b/`))));
  };

  async function serve(request: FastifyRequest, reply: FastifyReply, path: BadgePath | null) {
    if (!path) return reply.callNotFound();
    // OPTIONS and the method check come before the view, as in the wrapper: any URL matching
    // the patterns answers them, whatever its signature or key.
    if (request.method === 'OPTIONS') return wrapped(reply).code(204).send();
    if (request.method !== 'GET') return wrapped(reply).code(405).type('text/html; charset=utf-8').send('');
    const answer = path.kind === 'project' ? await renderProjectBadge(deps, path) : await renderCheckBadge(deps, path);
    return answerWith(reply, answer);
  }

  function answerWith(reply: FastifyReply, answer: BadgeAnswer) {
    switch (answer.kind) {
      case 'badge':
        // A Buffer, so Fastify keeps Django's bare `application/json` (a string gets `; charset=utf-8`).
        return wrapped(reply).code(200).type(answer.contentType).send(Buffer.from(answer.body, 'utf8'));
      case 'bad_format':
      case 'bad_signature':
        return wrapped(reply).code(404).type('text/html; charset=utf-8').send('');
      case 'unknown_check':
        return reply.callNotFound();
    }
  }

  function wrapped(reply: FastifyReply): FastifyReply {
    return reply
      .headers(CORS_HEADERS)
      .header('cache-control', NEVER_CACHE)
      .header('expires', new Date(deps.clock.now()).toUTCString());
  }
}

/** The path after `base`, still percent-encoded: the tag segment is decoded by the parser, twice. */
function rawRest(request: FastifyRequest, base: string): string {
  const path = request.url.split('?', 1)[0] ?? '';
  return path.startsWith(base) ? path.slice(base.length) : '';
}
