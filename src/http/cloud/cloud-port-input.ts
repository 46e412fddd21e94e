import type { PipelinePortInput } from '../../cloud/pipeline-ports.js';
import type { PipelinePortChanges } from '../../store/cloud-ports.js';
import { bad, given, isPort, objectBody } from './cloud-input.js';

export const PORT_KINDS = new Set(['LoadBalancer', 'ClusterIP', 'NodePort']);
const PROTOCOLS = new Set(['tcp', 'udp']);

function validate(body: Record<string, unknown>): void {
  if (given(body, 'protocol') && !(typeof body.protocol === 'string' && PROTOCOLS.has(body.protocol)))
    throw bad('invalid pipeline port protocol');
  for (const key of ['frontendPort', 'backendPort'])
    if (given(body, key) && !isPort(body[key])) throw bad('invalid pipeline port number');
  if (given(body, 'endpoint') && !(typeof body.endpoint === 'string' && body.endpoint.length <= 255))
    throw bad('invalid pipeline port endpoint');
  if (given(body, 'kind') && !(typeof body.kind === 'string' && PORT_KINDS.has(body.kind)))
    throw bad('invalid pipeline port type');
  // Watchpost extension (spec §7): probe the port while it has an endpoint
  if (given(body, 'probe') && typeof body.probe !== 'boolean') throw bad('invalid pipeline port probe');
}

export function portCreateInput(raw: unknown): PipelinePortInput {
  const body = objectBody(raw);
  validate(body);
  if (!given(body, 'protocol')) throw bad('invalid pipeline port protocol');
  if (!given(body, 'frontendPort') || !given(body, 'backendPort')) throw bad('invalid pipeline port number');
  return {
    protocol: body.protocol as string,
    frontendPort: body.frontendPort as number,
    backendPort: body.backendPort as number,
    // the Go client always sends it; a missing one is the same "not assigned yet"
    endpoint: given(body, 'endpoint') ? (body.endpoint as string) : '',
    kind: given(body, 'kind') ? (body.kind as string) : null,
    probe: body.probe === true,
  };
}

export function portUpdateInput(raw: unknown): PipelinePortChanges {
  const body = objectBody(raw);
  validate(body);
  const changes: PipelinePortChanges = {};
  if (given(body, 'protocol')) changes.protocol = body.protocol as string;
  if (given(body, 'frontendPort')) changes.frontend_port = body.frontendPort as number;
  if (given(body, 'backendPort')) changes.backend_port = body.backendPort as number;
  if (given(body, 'endpoint')) changes.endpoint = body.endpoint as string;
  if (given(body, 'kind')) changes.kind = body.kind as string;
  if (given(body, 'probe')) changes.probe = body.probe ? 1 : 0;
  return changes;
}
