import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { webClient, type WebClient } from '../support/web-client.js';

let lastOctet = 0;

/** A documentation address (RFC 5737) of its own per call: rate limits of one test leave the others alone. */
export function nextIp(): string {
  lastOctet += 1;
  return `198.51.${Math.floor(lastOctet / 250)}.${(lastOctet % 250) + 1}`;
}

/** A web client whose requests come from `ip` (X-Forwarded-For, as behind a proxy). */
export function clientFrom(app: FastifyInstance, ip = nextIp()): WebClient {
  const proxy = {
    inject: (opts: InjectOptions) => app.inject({ ...opts, headers: { ...(opts.headers ?? {}), 'x-forwarded-for': ip } }),
  };
  return webClient(proxy as unknown as FastifyInstance);
}

/** The raw Set-Cookie line for `name`. */
export function setCookieLine(res: LightMyRequestResponse, name: string): string | undefined {
  const header = res.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  return lines.find((line) => line.startsWith(`${name}=`));
}

/** Logs `client` in through the form. */
export async function logInThroughForm(client: WebClient, email: string, password: string, next?: string) {
  await client.get('/accounts/login/');
  return client.post(`/accounts/login/${next ? `?next=${encodeURIComponent(next)}` : ''}`, { email, password });
}
