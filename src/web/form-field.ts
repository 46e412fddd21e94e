/**
 * One text field of a posted form: '' when absent, the first value when the name is repeated
 * (@fastify/formbody gives repeated names as lists). Every dashboard form reads fields so.
 */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : '';
}
