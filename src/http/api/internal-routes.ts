import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordBounce } from '../../alerts/record-bounce.js';
import { recordDeliveryStatus } from '../../alerts/record-delivery-status.js';
import type { Deps } from '../../deps.js';
import { registerApiEndpoint, uuidParam } from './api-endpoint.js';

/** The raw body as the API plugin reads it (bytes of any Content-Type); empty when none. */
function bodyBytes(request: FastifyRequest): Buffer {
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : '', 'utf8');
}

/**
 * The endpoints providers call back (spec §4.20): delivery status callbacks (Twilio's
 * StatusCallback, form-encoded) and bounce intake (a raw DSN email). No API key: the first is
 * keyed by an unguessable notification UUID, the second by a signed bounce ID. Both answer 200
 * whatever they make of the input, so the caller never retries.
 */
export function internalRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Healthchecks' path has no trailing slash; Watchpost answers with and without (DESIGN.md).
    for (const path of ['notifications/:id/status', 'notifications/:id/status/']) {
      registerApiEndpoint(app, {
        path,
        handlers: {
          POST: async (request, reply) => {
            const code = uuidParam(request);
            // Twilio posts application/x-www-form-urlencoded; the body is read as such whatever its label.
            await recordDeliveryStatus(deps, code, new URLSearchParams(bodyBytes(request).toString('utf8')));
            return reply.code(200).send();
          },
        },
      });
    }
    registerApiEndpoint(app, {
      path: 'bounces/',
      slashOptional: true,
      handlers: {
        POST: async (request, reply) => {
          const answer = await recordBounce(deps, bodyBytes(request));
          return reply.code(200).type('text/plain; charset=utf-8').send(answer);
        },
      },
    });
  };
}
