import { openApiDocument } from '../http/api/openapi.js';

export interface ApiEndpoint {
  method: string;
  /** The full URL, with `<id>`-style placeholders. */
  url: string;
  summary: string;
  keys: 'none' | 'read-only or read-write' | 'read-write';
}

const METHODS = ['get', 'post', 'patch', 'delete'] as const;

type Operation = { summary?: string; description?: string; security?: unknown[] };

/**
 * The endpoint list of the API reference page, read from the OpenAPI document the server
 * itself serves, so the page cannot drift from the API.
 */
export function apiEndpoints(siteRoot: string): ApiEndpoint[] {
  const paths = openApiDocument({ siteRoot }).paths as Record<string, Partial<Record<string, Operation>>>;
  const out: ApiEndpoint[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = operations[method];
      if (!op) continue;
      const keys =
        op.security?.length === 0
          ? 'none'
          : (op.description ?? '').startsWith('Read-only keys are accepted')
            ? 'read-only or read-write'
            : 'read-write';
      out.push({
        method: method.toUpperCase(),
        url: `${siteRoot}/api/v3${path.replace(/\{(\w+)\}/g, '<$1>')}`,
        summary: op.summary ?? '',
        keys,
      });
    }
  }
  return out;
}
