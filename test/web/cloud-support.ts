import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * The Cloud resources of a dashboard test, created the way a core instance or a script creates
 * them: through the Cloud API with the project's API key.
 */
export interface CloudApi {
  coreInstance(body: Record<string, unknown>): Promise<string>;
  ping(coreId: string): Promise<void>;
  check(coreId: string, body: Record<string, unknown>): Promise<string>;
  pipeline(coreId: string, body: Record<string, unknown>): Promise<string>;
  pipelineCheck(pipelineId: string, body: Record<string, unknown>): Promise<string>;
  port(pipelineId: string, body: Record<string, unknown>): Promise<string>;
  /** What the API answers for a check (core instance check or pipeline check). */
  getCheck(kind: 'core_instance' | 'pipeline', id: string): Promise<Record<string, unknown>>;
  patchCheck(kind: 'core_instance' | 'pipeline', id: string, body: Record<string, unknown>): Promise<void>;
  getPort(id: string): Promise<Record<string, unknown>>;
}

/** The Cloud API of `app` (inject) or of a server at `baseUrl` (a real socket). */
export function cloudApi(target: FastifyInstance | string, apiKey: string): CloudApi {
  async function call(method: string, url: string, payload?: Record<string, unknown>) {
    const headers: Record<string, string> = { 'x-project-token': apiKey };
    if (typeof target === 'string') {
      if (payload) headers['content-type'] = 'application/json';
      const res = await fetch(`${target}${url}`, { method, headers, body: payload ? JSON.stringify(payload) : undefined });
      return { statusCode: res.status, body: await res.text() };
    }
    const res = await target.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.body };
  }
  async function create(url: string, payload: Record<string, unknown>): Promise<string> {
    const res = await call('POST', url, payload);
    assert.equal(res.statusCode, 201, res.body);
    return (JSON.parse(res.body) as { id: string }).id;
  }
  const checkPath = (kind: 'core_instance' | 'pipeline', id: string) =>
    kind === 'core_instance' ? `/v1/core_instance_checks/${id}` : `/v1/pipeline_checks/${id}`;
  return {
    coreInstance: (body) => create('/v1/aggregators', body),
    async ping(coreId) {
      const res = await call('POST', `/v1/aggregators/${coreId}/ping`);
      assert.equal(res.statusCode, 200, res.body);
    },
    check: (coreId, body) => create(`/v1/core_instances/${coreId}/checks`, body),
    pipeline: (coreId, body) => create(`/v1/aggregators/${coreId}/pipelines`, body),
    pipelineCheck: (pipelineId, body) => create(`/v1/pipelines/${pipelineId}/checks`, body),
    port: (pipelineId, body) => create(`/v1/aggregator_pipelines/${pipelineId}/ports`, body),
    async getCheck(kind, id) {
      const res = await call('GET', checkPath(kind, id));
      assert.equal(res.statusCode, 200, res.body);
      return JSON.parse(res.body) as Record<string, unknown>;
    },
    async patchCheck(kind, id, body) {
      const res = await call('PATCH', checkPath(kind, id), body);
      assert.equal(res.statusCode, 204, res.body);
    },
    async getPort(id) {
      const res = await call('GET', `/v1/pipeline_ports/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      return JSON.parse(res.body) as Record<string, unknown>;
    },
  };
}

/** A local TCP port nothing listens on (a real probe of it is refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The `<tr>` of a check or port (`check-<id>`, `port-<id>`) or the `<tr>` of a core instance (its id). */
export function rowOf(body: string, key: string): string {
  const match = new RegExp(`<tr data-key="${key}">[\\s\\S]*?</tr>`).exec(body);
  return match ? match[0] : '';
}

/** Markup without tags, whitespace folded: what a reader sees. */
export const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
