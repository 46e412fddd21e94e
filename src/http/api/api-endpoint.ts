import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { CANONICAL_UUID } from '../../lib/ids.js';
import type { ApiVersion } from '../../checks/check-json.js';

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const VERSIONS: ApiVersion[] = [1, 2, 3];

export type ApiHandler = (request: FastifyRequest, reply: FastifyReply, version: ApiVersion) => Promise<unknown>;

export interface ApiEndpoint {
  /** After `/api/vN/`, e.g. `checks/` or `checks/:id`. */
  path: string;
  /** Also answer without the trailing slash (Healthchecks 301s, which turns a POST into a GET). */
  slashOptional?: boolean;
  handlers: Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', ApiHandler>>;
  /** The methods served for this request, when it depends on the path's form (default: all handled). */
  allowed?(request: FastifyRequest): HTTPMethods[];
}

/**
 * Healthchecks' CORS wrapper (spec §4.2): OPTIONS → 204, any method outside the allowed set
 * (HEAD included) → 405, and the CORS headers on every answer, errors included.
 */
export function registerApiEndpoint(app: FastifyInstance, endpoint: ApiEndpoint): void {
  const paths = [endpoint.path];
  if (endpoint.slashOptional && endpoint.path.endsWith('/')) paths.push(endpoint.path.slice(0, -1));
  for (const version of VERSIONS) {
    for (const path of paths) {
      app.route({
        method: ALL_METHODS,
        url: `/api/v${version}/${path}`,
        handler: async (request, reply) => {
          const allowed: readonly string[] = endpoint.allowed?.(request) ?? Object.keys(endpoint.handlers);
          reply
            .header('access-control-allow-origin', '*')
            .header('access-control-allow-headers', 'X-Api-Key')
            .header('access-control-allow-methods', [...allowed, 'OPTIONS'].join(', '))
            .header('access-control-max-age', '600');
          if (request.method === 'OPTIONS') return reply.code(204).send();
          const handler = endpoint.handlers[request.method as 'GET' | 'POST' | 'PATCH' | 'DELETE'];
          if (!allowed.includes(request.method) || !handler) return reply.code(405).send();
          return handler(request, reply, version);
        },
      });
    }
  }
}

/** Read endpoints take the key from the header only (spec §4.3). */
export function headerApiKey(request: FastifyRequest): string {
  const value = request.headers['x-api-key'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The `:id` of `checks/:id/…` paths. */
export const idParam = (request: FastifyRequest): string => (request.params as { id: string }).id;

/** Paths that take only a UUID (Healthchecks' `<uuid:code>`): any other form is not found. */
export function uuidParam(request: FastifyRequest): string {
  const id = idParam(request);
  if (!CANONICAL_UUID.test(id)) throw new AppError('not_found', 'check not found');
  return id;
}
