import type { z } from 'zod';

/** The first problem of a channel configuration, naming the field: `config.url_down: …`. */
export function configError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'json validation error: config is not valid';
  const path = ['config', ...issue.path.map(String)].join('.');
  return `json validation error: ${path}: ${issue.message}`;
}
