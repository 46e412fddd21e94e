import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_MS } from '../accounts/sessions.js';
import type { Config } from '../config.js';
import { remoteAddr } from '../http/remote-addr.js';
import { SESSION_COOKIE } from './web-plugin.js';

/**
 * The signed, HttpOnly, SameSite=Lax session cookie of a session just started; Secure when
 * SITE_ROOT is https. Its lifetime is a Max-Age (the session's length) rather than an Expires
 * date: a browser's clock and the server's (shifted under faketime, or just wrong) need not agree.
 */
export function setSessionCookie(
  reply: FastifyReply,
  config: Pick<Config, 'siteRoot'>,
  prefix: string,
  session: { token: string; expiresAt: number },
): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.siteRoot.startsWith('https:'),
    path: prefix || '/',
    maxAge: SESSION_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, prefix: string): void {
  reply.clearCookie(SESSION_COOKIE, { path: prefix || '/' });
}

/** The session token of this request's valid signed cookie, if any. */
export function sessionToken(request: FastifyRequest): string | null {
  const signed = request.cookies[SESSION_COOKIE];
  if (!signed) return null;
  const unsigned = request.unsignCookie(signed);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** The client's address for the login rate limits (the ping routes' rule, spec §3.3). */
export function clientIp(request: FastifyRequest): string | null {
  return remoteAddr(request.headers['x-forwarded-for'], request.socket.remoteAddress);
}

/**
 * `next` only when it is a path on this site: `/…` but not `//host` or `/\host` (which
 * browsers read as another host), and nothing a header could be split with.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return null;
  if (next.startsWith('//') || next.includes('\\')) return null;
  for (const char of next) if (char.trim() === '' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) return null;
  return next;
}
