import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { type AppErrorCode, isAppError } from '../lib/app-error.js';

/** The one place where error codes become HTTP statuses. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 400,
  unavailable: 503,
  config: 500,
};

/** Driver errors that mean "the database is unreachable" rather than a bug of ours. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (
    typeof e.code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|57P0[1-3]|08\d{3}|53\d{3}|SQLITE_(BUSY|IOERR|FULL|CANTOPEN|READONLY|LOCKED)\w*)$/.test(
      e.code,
    )
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|database is locked/i.test(e.message ?? '');
}

/** Healthchecks' Management API, whose error bodies follow its own conventions. */
export const isManagementApi = (url: string): boolean => /\/api\/v[123]\//.test(url);

function removeCorsHeaders(reply: FastifyReply): void {
  for (const name of [
    'access-control-allow-origin',
    'access-control-allow-headers',
    'access-control-allow-methods',
    'access-control-max-age',
  ]) {
    reply.removeHeader(name);
  }
}

export function installErrorMapper(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      const status = HTTP_STATUS[error.code];
      if (isManagementApi(request.url) && (status === 403 || status === 404)) {
        // Healthchecks answers these with empty bodies, and its generic "object not found"
        // 404 (an unknown check UUID) bypasses the CORS wrapper: clients see exactly that.
        if (status === 404 && !error.details?.explicit) removeCorsHeaders(reply);
        return reply.code(status).send();
      }
      // …and its one 409 (resume of a check that is not paused) in plain text.
      if (isManagementApi(request.url) && status === 409)
        return reply.code(409).type('text/plain; charset=utf-8').send(error.message);
      return reply.code(status).send({ error: error.message });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return reply.code(503).header('Retry-After', '1').send({ error: 'database unavailable' });
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });
}
