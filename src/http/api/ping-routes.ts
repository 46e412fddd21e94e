import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import { listPings } from '../../checks/list-pings.js';
import { pingBody } from '../../checks/ping-body.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/app-error.js';
import type { PingLogEntry } from '../../store/ping-log.js';
import { headerApiKey, registerApiEndpoint, uuidParam } from './api-endpoint.js';
import type { ApiVersion } from '../../checks/check-json.js';

/** The largest `n` the pings table holds (a 32-bit integer column). */
const MAX_PING_N = 2_147_483_647;

/**
 * Python's `datetime.isoformat()` of a ping's time: a microsecond fraction only when it is
 * non-zero (we keep milliseconds, so `.123000`), and the offset spelled `+00:00`.
 */
export function isoWithMicros(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = ms % 1000 === 0 ? '' : `.${iso.slice(20, 23)}000`;
  return `${iso.slice(0, 19)}${fraction}+00:00`;
}

interface PingJsonContext {
  version: ApiVersion;
  siteRoot: string;
  checkCode: string;
  durationMs: number | undefined;
}

/** Spec §1.11's ping object; `duration` last and only when known, as Healthchecks appends it. */
export function pingJson(ping: PingLogEntry, ctx: PingJsonContext): Record<string, unknown> {
  const json: Record<string, unknown> = {
    type: ping.kind,
    date: isoWithMicros(ping.createdAt),
    n: ping.n,
    scheme: ping.scheme,
    remote_addr: ping.remoteAddr,
    method: ping.method,
    ua: ping.ua,
    rid: ping.rid,
    body_url: ping.bodyBytes > 0 ? `${ctx.siteRoot}/api/v${ctx.version}/checks/${ctx.checkCode}/pings/${ping.n}/body` : null,
  };
  if (ctx.durationMs !== undefined) json.duration = Math.round(ctx.durationMs / 10) / 100;
  return json;
}

/**
 * Healthchecks routes these by `<uuid:code>` and `<int:n>` (see uuidParam): any other form
 * matches no URL, a generic 404 that comes before authentication.
 */
function pingNumberParam(request: FastifyRequest): number {
  const { n } = request.params as { n: string };
  if (!/^\d+$/.test(n) || Number(n) > MAX_PING_N) throw new AppError('not_found', 'ping not found');
  return Number(n);
}

/** `checks/<uuid>/pings/` and `checks/<uuid>/pings/<n>/body` (spec §4.14, §4.15): read-write keys only. */
export function pingRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'checks/:id/pings/',
      // Clients call it without the slash (spec/clients.md).
      slashOptional: true,
      handlers: {
        GET: async (request, reply, version) => {
          const code = uuidParam(request);
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'write');
          const log = await listPings(deps, caller, code);
          const ctx = { version, siteRoot: deps.config.siteRoot, checkCode: log.check.code };
          return reply.send({
            pings: log.pings.map((ping) => pingJson(ping, { ...ctx, durationMs: log.durationsMs.get(ping.n) })),
          });
        },
      },
    });
    registerApiEndpoint(app, {
      path: 'checks/:id/pings/:n/body',
      handlers: {
        GET: async (request, reply) => {
          const code = uuidParam(request);
          const n = pingNumberParam(request);
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'write');
          const body = await pingBody(deps, caller, code, n);
          return reply.type('text/plain').send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
        },
      },
    });
  };
}
