import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    cloudProjectId?: number;
  }
}

/** The project the authenticated caller acts for (set by cloudRoutes' preHandler hook). */
export function callerProject(request: FastifyRequest): number {
  return request.cloudProjectId ?? 0;
}
