import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../accounts/sessions.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { html, type Html } from './html.js';

/** What every page is rendered with. */
export interface PageContext {
  siteName: string;
  siteRoot: string;
  /** SITE_ROOT's path ('' or '/hc'): every link starts with it. */
  prefix: string;
  user: SessionUser | null;
  /** The CSRF token every form posts back as `_csrf`. */
  csrf: string;
  flash: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, set by the web plugin's session hook. */
    user: SessionUser | null;
  }
}

export const FLASH_COOKIE = 'wp_flash';

export function pageContext(
  deps: Pick<Deps, 'config'>,
  request: FastifyRequest,
  reply: FastifyReply,
  prefix: string,
): PageContext {
  const flashCookie = request.cookies[FLASH_COOKIE];
  if (flashCookie !== undefined) reply.clearCookie(FLASH_COOKIE, { path: prefix || '/' });
  return {
    siteName: deps.config.siteName,
    siteRoot: deps.config.siteRoot,
    prefix,
    user: request.user,
    csrf: reply.generateCsrf(),
    flash: flashCookie ?? null,
  };
}

/** The logged-in user, or the login page (the web error handler redirects `unauthorized`). */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError('unauthorized', 'log in first');
  return request.user;
}

/** A message shown once on the next page (after a redirect). */
export function flash(reply: FastifyReply, prefix: string, message: string): void {
  reply.setCookie(FLASH_COOKIE, message, { path: prefix || '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

/** The hidden CSRF field of a form. */
export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}" />`;
}
