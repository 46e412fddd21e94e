import type { FastifyRequest } from 'fastify';

/** The submitted form: @fastify/formbody gives repeated names as lists. */
export type FormBody = Record<string, string | string[] | undefined>;

export function formBody(request: FastifyRequest): FormBody {
  const body = request.body;
  return typeof body === 'object' && body !== null ? (body as FormBody) : {};
}

/** Every value of a repeated field (checkbox lists). */
export function formList(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
