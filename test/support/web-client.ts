import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { startSession } from '../../src/accounts/sessions.js';
import { createUser } from '../../src/accounts/create-user.js';
import type { Deps } from '../../src/deps.js';
import { cookieSecret, SESSION_COOKIE } from '../../src/web/web-plugin.js';

/**
 * A cookie-keeping client for dashboard tests over `app.inject`: remembers every cookie the
 * server sets, and posts forms with the CSRF token of the last page it read (like a browser
 * submitting a form it was shown).
 */
export interface WebClient {
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts `form` url-encoded, adding `_csrf` from the last page unless `form` has one. */
  post(url: string, form?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** The CSRF token of the last page read ('' before any). */
  csrf(): string;
  cookies: Map<string, string>;
}

export function webClient(app: FastifyInstance): WebClient {
  const cookies = new Map<string, string>();
  let token = '';
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: LightMyRequestResponse) => {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (match) token = match[1]!;
    return res;
  };
  return {
    cookies,
    csrf: () => token,
    async get(url) {
      return remember(await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(), accept: 'text/html' } }));
    },
    async post(url, form = {}) {
      const body = new URLSearchParams({ _csrf: token, ...form }).toString();
      return remember(
        await app.inject({
          method: 'POST',
          url,
          payload: body,
          headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        }),
      );
    },
  };
}

/** A user with a live session: a client that is logged in, without going through the login form. */
export async function loggedInClient(
  deps: Deps,
  app: FastifyInstance,
  email: string,
  options: { superuser?: boolean; password?: string } = {},
): Promise<WebClient & { userId: number }> {
  const user = await createUser(deps, {
    email,
    password: options.password ?? 'correct horse battery',
    isSuperuser: options.superuser ?? false,
  });
  const { token } = await startSession(deps, user.id);
  const client = webClient(app);
  client.cookies.set(SESSION_COOKIE, encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey))));
  return Object.assign(client, { userId: user.id });
}
