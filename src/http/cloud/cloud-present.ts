import type { FastifyReply, FastifyRequest } from 'fastify';
import { calyptiaCheckJson, rfc3339 } from '../../cloud/cloud-json.js';
import type { CoreInstanceView } from '../../cloud/core-instances.js';
import type { PipelineView } from '../../cloud/pipelines.js';
import type { CloudCheckRecord } from '../../store/cloud-checks.js';
import type { Page } from '../../store/cloud-page.js';
import type { PipelinePortRecord } from '../../store/cloud-ports.js';
import { encodeCursor } from './cloud-input.js';

export { rfc3339 };

export const presentCheck = (c: CloudCheckRecord) => ({
  ...calyptiaCheckJson(c),
  // Watchpost's extra fields (spec §7): Calyptia clients ignore unknown keys
  interval: c.intervalSeconds,
  agentManaged: c.agentManaged,
  lastCheckedAt: c.lastProbeAt === null ? null : rfc3339(c.lastProbeAt),
  lastError: c.lastError,
  portID: c.portId,
  payload: c.payload,
  expect: c.expect,
});

export const presentPort = (p: PipelinePortRecord) => ({
  id: p.id,
  protocol: p.protocol,
  kind: p.kind,
  frontendPort: p.frontendPort,
  backendPort: p.backendPort,
  endpoint: p.endpoint,
  pluginID: p.pluginId,
  pluginName: p.pluginName,
  pluginAlias: p.pluginAlias,
  createdAt: rfc3339(p.createdAt),
  updatedAt: rfc3339(p.updatedAt),
  // Watchpost's extension (spec §7): the port's probe opt-in and the check that follows it
  probe: p.probe,
  checkID: p.checkId,
});

export const presentCoreInstance = (c: CoreInstanceView) => ({
  id: c.id,
  name: c.name,
  version: c.version,
  status: c.status,
  tags: c.tags,
  environmentName: c.environmentName,
  pipelinesCount: c.pipelinesCount,
  metadata: c.metadata,
  skipServiceCreation: c.skipServiceCreation,
  image: c.image,
  createdAt: rfc3339(c.createdAt),
  updatedAt: rfc3339(c.updatedAt),
});

export const presentPipeline = (p: PipelineView, ports?: PipelinePortRecord[]) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  // no deployments here: the status object exists so clients that read it decode
  status: { id: p.id, config: '', status: 'NEW', events: [], createdAt: rfc3339(p.createdAt) },
  tags: p.tags,
  portKind: p.portKind,
  waitForChecksBeforeDeploying: p.waitForChecks,
  checksTotal: p.checks.total,
  checksOK: p.checks.ok,
  checksRunning: p.checks.running,
  ...(ports ? { ports: ports.map(presentPort) } : {}),
  createdAt: rfc3339(p.createdAt),
  updatedAt: rfc3339(p.updatedAt),
});

/** A bare array; the next page only in `Link: <…?before=…>; rel="next"` (spec §2.4), when one exists. */
export function sendPage<T, J>(request: FastifyRequest, reply: FastifyReply, page: Page<T>, present: (t: T) => J): J[] {
  if (page.next) {
    const url = new URL(request.url, 'http://x');
    url.searchParams.set('before', encodeCursor(page.next));
    reply.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.items.map(present);
}
