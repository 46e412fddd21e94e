import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionUser } from '../accounts/sessions.js';
import type { Senders } from '../alerts/integration-io.js';
import type { Deps } from '../deps.js';
import type { PingRecorder } from '../ping/record-ping.js';
import { isAppError } from '../lib/app-error.js';
import { HTTP_STATUS, isDatabaseUnavailable } from '../http/error-mapper.js';
import { html } from './html.js';
import { page } from './layout.js';
import { pageContext } from './page-context.js';

export const SESSION_COOKIE = 'wp_session';

/** A page module: registers its routes on the web plugin's instance. */
export type WebRoutes = (app: FastifyInstance, web: WebKit) => void;

/** What page modules share. */
export interface WebKit {
  deps: Deps;
  /** Outgoing email (invitations, login links) and the HTTP client (test notifications). */
  senders: Senders;
  /** The ping recorder HTTP pings go through (the "ping now" button). */
  recorder: PingRecorder;
  /** SITE_ROOT's path ('' or '/hc'). */
  prefix: string;
  /** Sends a whole page. */
  send(reply: FastifyReply, markup: { value: string }, status?: number): FastifyReply;
}

/** Cookie signatures (and so CSRF secrets) derive from SECRET_KEY, shared by every node. */
export function cookieSecret(secretKey: string): string {
  return createHmac('sha256', secretKey).update('watchpost cookies').digest('hex');
}

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/**
 * The server-rendered dashboard (spec §12). Its own Fastify context: form bodies, cookies,
 * CSRF on every mutating request, the session user on every request, and HTML error pages.
 */
export function webPlugin(deps: Deps, senders: Senders, recorder: PingRecorder, prefix: string, modules: WebRoutes[]) {
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(fastifyCookie, { secret: cookieSecret(deps.secretKey) });
    await app.register(fastifyFormbody, { bodyLimit: 1_048_576 });
    const secure = deps.config.siteRoot.startsWith('https:');
    await app.register(fastifyCsrf, {
      cookieKey: 'wp_csrf',
      cookieOpts: { path: prefix || '/', httpOnly: true, sameSite: 'lax', secure, signed: true },
      getToken: (request) =>
        (request.body as Record<string, string> | undefined)?._csrf ?? (request.headers['x-csrf-token'] as string),
    });
    await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', decorateReply: false, maxAge: '1h' });

    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      const signed = request.cookies[SESSION_COOKIE];
      const unsigned = signed ? request.unsignCookie(signed) : null;
      request.user = unsigned?.valid && unsigned.value ? ((await sessionUser(deps, unsigned.value)) ?? null) : null;
    });
    // Every form post carries the CSRF token (STYLE.md, issue 5): checked before any handler.
    app.addHook('preHandler', (request, reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD') return done();
      // a route authorized by a signed URL alone opts out (see unsubscribe-routes.ts)
      if ((request.routeOptions.config as { csrf?: boolean }).csrf === false) return done();
      app.csrfProtection(request, reply, done);
    });

    const kit: WebKit = {
      deps,
      senders,
      recorder,
      prefix,
      send: (reply, markup, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(markup.value),
    };
    app.setErrorHandler((error: FastifyError, request, reply) => webError(kit, error, request, reply));
    for (const routes of modules) routes(app, kit);
  };
}

function errorPage(kit: WebKit, request: FastifyRequest, reply: FastifyReply, status: number, title: string, text: string) {
  const ctx = pageContext(kit.deps, request, reply, kit.prefix);
  return kit.send(
    reply,
    page(ctx, {
      title,
      body: html`<h1>${title}</h1>
        <p>${text}</p>`,
    }),
    status,
  );
}

/** The dashboard's one error mapping: login redirects, HTML error pages, never a stack trace. */
function webError(kit: WebKit, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isAppError(error)) {
    if (error.code === 'unauthorized') {
      const next = encodeURIComponent(request.url);
      return reply.redirect(`${kit.prefix}/accounts/login/?next=${next}`, 303);
    }
    const status = HTTP_STATUS[error.code];
    const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something is not right';
    return errorPage(kit, request, reply, status, title, error.message);
  }
  if ((error as { code?: string }).code?.startsWith('FST_CSRF')) {
    return errorPage(
      kit,
      request,
      reply,
      403,
      'Not allowed',
      'The form expired or did not come from this site. Reload the page and try again.',
    );
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return errorPage(kit, request, reply, error.statusCode, 'Bad request', error.message);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.error({ err: error }, 'database unavailable');
    return errorPage(kit, request, reply, 503, 'Unavailable', 'The database cannot be reached. Try again in a moment.');
  }
  request.log.error({ err: error }, 'dashboard request failed');
  return errorPage(kit, request, reply, 500, 'Server error', 'Something went wrong on our side.');
}
