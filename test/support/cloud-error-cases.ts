import { projectToken } from '../../src/cloud/project-token.js';

/** The Cloud API's refusals as data: what to send, and the exact answer (test/cloud-errors.test.ts). */

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const ZERO = '00000000-0000-4000-8000-000000000000';

/** One request the Cloud API must refuse, and the exact answer. */
export interface ErrorCase {
  method: Method;
  url: string;
  body?: unknown;
  /** Raw body text sent as JSON (malformed JSON). */
  raw?: string;
  /** Sent with `raw` or `body`; application/json unless given. */
  contentType?: string;
  /** Headers replacing the owner's token; `{}` sends no credentials. */
  headers?: Record<string, string>;
  status: number;
  error: string;
  detail?: string;
}

export interface Ids {
  core: string;
  pipeline: string;
  port: string;
  coreCheck: string;
  pipelineCheck: string;
  project: string;
  /** The outsider project's credentials. */
  outsider: Record<string, string>;
  /** The owner's read-only API key: not enough for the Cloud API. */
  readOnly: Record<string, string>;
}

export const checkBody = { protocol: 'tcp', host: 'db.example.com', port: 5432 };
export const portBody = { protocol: 'tcp', frontendPort: 4000, backendPort: 4000, endpoint: '' };

/** Every refusal the Cloud API can answer (grep src/cloud and src/http/cloud for AppError( and bad(). */
export function errorCases(ids: Ids): Record<string, ErrorCase[]> {
  const { core, pipeline, port, coreCheck, pipelineCheck, project, outsider, readOnly } = ids;
  const checkErrors = (noun: string, collection: string, item: string): ErrorCase[] => [
    ...(
      [
        [{ ...checkBody, protocol: 'icmp' }, 'protocol'],
        [{ ...checkBody, protocol: 'TCP' }, 'protocol'],
        [{ host: 'a', port: 1 }, 'protocol'],
        [{ ...checkBody, status: 'done' }, 'status'],
        [{ ...checkBody, host: 'bad_host' }, 'host'],
        [{ ...checkBody, host: '::1' }, 'host'],
        [{ ...checkBody, host: 'db.example.com:5432' }, 'host'],
        [{ ...checkBody, host: '' }, 'host'],
        [{ protocol: 'tcp', port: 1 }, 'host'],
        [{ ...checkBody, port: 65536 }, 'port'],
        [{ ...checkBody, port: '80' }, 'port'],
        [{ ...checkBody, port: 1.5 }, 'port'],
        [{ protocol: 'tcp', host: 'a' }, 'port'],
        [{ ...checkBody, retries: -1 }, 'retries'],
        [{ ...checkBody, retries: '3' }, 'retries'],
        [{ ...checkBody, interval: 5 }, 'interval'],
        [{ ...checkBody, interval: 86_401 }, 'interval'],
        [{ ...checkBody, payload: 7 }, 'payload'],
        [{ ...checkBody, payload: 'x'.repeat(1025) }, 'payload'],
        [{ ...checkBody, expect: ['PONG'] }, 'expect'],
      ] as const
    ).map(([body, field]): ErrorCase => ({
      method: 'POST',
      url: collection,
      body,
      status: 400,
      error: `invalid ${noun} ${field}`,
    })),
    ...(
      [
        [{ protocol: 'icmp' }, 'protocol'],
        [{ status: 'done' }, 'status'],
        [{ host: 'a..b' }, 'host'],
        [{ port: -1 }, 'port'],
        [{ retries: 1001 }, 'retries'],
        [{ interval: 'often' }, 'interval'],
        [{ expect: 'é'.repeat(513) }, 'expect'],
      ] as const
    ).map(([body, field]): ErrorCase => ({ method: 'PATCH', url: item, body, status: 400, error: `invalid ${noun} ${field}` })),
  ];
  const ids400 = (url: string, error: string, methods: Method[]): ErrorCase[] =>
    methods.map((method) => ({
      method,
      url,
      body: method === 'GET' || method === 'DELETE' ? undefined : {},
      status: 400,
      error,
    }));
  const notFound = (url: string, error: string, methods: Method[], headers?: Record<string, string>): ErrorCase[] =>
    methods.map((method) => ({
      method,
      url,
      ...(method === 'POST' && url.endsWith('/checks') ? { body: checkBody } : {}),
      ...(method === 'POST' && url.endsWith('/ports') ? { body: portBody } : {}),
      ...(method === 'POST' && url.endsWith('/pipelines') ? { body: { name: 'fresh' } } : {}),
      ...(method === 'PATCH' ? { body: {} } : {}),
      ...(headers ? { headers } : {}),
      status: 404,
      error,
    }));

  return {
    'credentials (401)': [
      { method: 'GET', url: `/v1/aggregators/${core}`, headers: {}, status: 401, error: 'unauthenticated' },
      { method: 'POST', url: '/v1/aggregators', body: { name: 'x' }, headers: {}, status: 401, error: 'unauthenticated' },
      {
        method: 'GET',
        url: `/v1/aggregators/${core}`,
        headers: { authorization: 'Basic dXNlcjpwdw==' },
        status: 401,
        error: 'unauthenticated',
      },
      {
        method: 'GET',
        url: `/v1/aggregators/${core}`,
        headers: { 'x-project-token': 'nope' },
        status: 401,
        error: 'invalid token',
      },
      {
        method: 'GET',
        url: `/v1/aggregators/${core}`,
        headers: { authorization: 'Bearer nope' },
        status: 401,
        error: 'invalid token',
      },
      {
        method: 'DELETE',
        url: `/v1/pipeline_ports/${port}`,
        headers: { 'x-project-token': projectToken('another-secret', project) },
        status: 401,
        error: 'invalid token',
      },
      { method: 'DELETE', url: `/v1/aggregators/${core}`, headers: readOnly, status: 401, error: 'invalid token' },
    ],
    'request bodies (400)': [
      { method: 'POST', url: '/v1/aggregators', body: [], status: 400, error: 'invalid request body' },
      { method: 'POST', url: `/v1/aggregators/${core}/pipelines`, raw: '"name"', status: 400, error: 'invalid request body' },
      { method: 'PATCH', url: `/v1/pipeline_ports/${port}`, raw: '42', status: 400, error: 'invalid request body' },
      // malformed JSON, which Fastify's parser refuses before our code sees it
      {
        method: 'POST',
        url: `/v1/core_instances/${core}/checks`,
        raw: '{"protocol":',
        status: 400,
        error: 'invalid request body',
      },
      // an empty body is an empty object: the first field it lacks is named
      {
        method: 'POST',
        url: `/v1/core_instances/${core}/checks`,
        raw: '',
        status: 400,
        error: 'invalid core instance check protocol',
      },
      // JSON under a form's Content-Type (`curl -d`) is read as JSON: its error is about a field
      {
        method: 'POST',
        url: '/v1/aggregators',
        raw: '{"name":"bad_name"}',
        contentType: 'application/x-www-form-urlencoded',
        status: 400,
        error: 'invalid aggregator name',
      },
    ],
    'core instances (400)': [
      { method: 'POST', url: '/v1/aggregators', body: {}, status: 400, error: 'invalid aggregator name' },
      { method: 'POST', url: '/v1/aggregators', body: { name: 'bad_name' }, status: 400, error: 'invalid aggregator name' },
      { method: 'PATCH', url: `/v1/aggregators/${core}`, body: { name: 5 }, status: 400, error: 'invalid aggregator name' },
      {
        method: 'POST',
        url: '/v1/aggregators',
        body: { name: 'a', version: 1 },
        status: 400,
        error: 'invalid aggregator version',
      },
      { method: 'POST', url: '/v1/aggregators', body: { name: 'a', tags: 'x' }, status: 400, error: 'invalid tags' },
      {
        method: 'PATCH',
        url: `/v1/aggregators/${core}`,
        body: { environmentName: 1 },
        status: 400,
        error: 'invalid environment name',
      },
      { method: 'PATCH', url: `/v1/aggregators/${core}`, body: { metadata: [] }, status: 400, error: 'invalid metadata' },
      {
        method: 'PATCH',
        url: `/v1/aggregators/${core}`,
        body: { skipServiceCreation: 'yes' },
        status: 400,
        error: 'invalid skipServiceCreation',
      },
      { method: 'PATCH', url: `/v1/aggregators/${core}`, body: { image: 1 }, status: 400, error: 'invalid image' },
    ],
    'pipelines (400)': [
      { method: 'POST', url: `/v1/aggregators/${core}/pipelines`, body: {}, status: 400, error: 'invalid pipeline name' },
      {
        method: 'POST',
        url: `/v1/aggregators/${core}/pipelines`,
        body: { name: 'Pipe' },
        status: 400,
        error: 'invalid pipeline name',
      },
      {
        method: 'PATCH',
        url: `/v1/aggregator_pipelines/${pipeline}`,
        body: { name: 'a.b' },
        status: 400,
        error: 'invalid pipeline name',
      },
      { method: 'GET', url: `/v1/projects/${project}/pipelines?name=a&name=b`, status: 400, error: 'invalid pipeline name' },
      {
        method: 'POST',
        url: `/v1/aggregators/${core}/pipelines`,
        body: { name: 'p', kind: 'job' },
        status: 400,
        error: 'invalid pipeline kind',
      },
      {
        method: 'PATCH',
        url: `/v1/aggregator_pipelines/${pipeline}`,
        body: { portKind: 'Ingress' },
        status: 400,
        error: 'invalid pipeline port type',
      },
      {
        method: 'PATCH',
        url: `/v1/aggregator_pipelines/${pipeline}`,
        body: { waitForChecksBeforeDeploying: 1 },
        status: 400,
        error: 'invalid waitForChecksBeforeDeploying',
      },
      { method: 'PATCH', url: `/v1/aggregator_pipelines/${pipeline}`, body: { tags: [1] }, status: 400, error: 'invalid tags' },
    ],
    'pipeline ports (400)': [
      ...(
        [
          [{ ...portBody, protocol: 'sctp' }, 'protocol'],
          [{ frontendPort: 1, backendPort: 1 }, 'protocol'],
          [{ ...portBody, frontendPort: -1 }, 'number'],
          [{ ...portBody, backendPort: 65536 }, 'number'],
          [{ ...portBody, frontendPort: '80' }, 'number'],
          [{ protocol: 'tcp', frontendPort: 1 }, 'number'],
          [{ ...portBody, endpoint: 5 }, 'endpoint'],
          [{ ...portBody, endpoint: 'x'.repeat(256) }, 'endpoint'],
          [{ ...portBody, kind: 'Ingress' }, 'type'],
          [{ ...portBody, probe: 'yes' }, 'probe'],
        ] as const
      ).map(([body, what]): ErrorCase => ({
        method: 'POST',
        url: `/v1/aggregator_pipelines/${pipeline}/ports`,
        body,
        status: 400,
        error: `invalid pipeline port ${what}`,
      })),
      ...(
        [
          [{ protocol: 'http' }, 'protocol'],
          [{ frontendPort: 70000 }, 'number'],
          [{ endpoint: [] }, 'endpoint'],
          [{ kind: 'loadbalancer' }, 'type'],
          [{ probe: 1 }, 'probe'],
        ] as const
      ).map(([body, what]): ErrorCase => ({
        method: 'PATCH',
        url: `/v1/pipeline_ports/${port}`,
        body,
        status: 400,
        error: `invalid pipeline port ${what}`,
      })),
    ],
    'core instance checks (400)': checkErrors(
      'core instance check',
      `/v1/core_instances/${core}/checks`,
      `/v1/core_instance_checks/${coreCheck}`,
    ),
    'pipeline checks (400)': checkErrors(
      'pipeline check',
      `/v1/pipelines/${pipeline}/checks`,
      `/v1/pipeline_checks/${pipelineCheck}`,
    ),
    'malformed IDs (400)': [
      ...ids400('/v1/aggregators/nope', 'invalid core instance ID', ['GET', 'PATCH', 'DELETE']),
      ...ids400('/v1/aggregators/nope/ping', 'invalid core instance ID', ['POST']),
      ...ids400('/v1/aggregators/nope/pipelines', 'invalid core instance ID', ['POST']),
      ...ids400('/v1/core_instances/nope/pipelines', 'invalid core instance ID', ['GET']),
      ...ids400(`/v1/core_instances/${core.slice(0, 35)}/checks`, 'invalid core instance ID', ['GET', 'POST']),
      ...ids400('/v1/core_instance_checks/nope', 'invalid core instance check ID', ['GET', 'PATCH', 'DELETE']),
      ...ids400('/v1/aggregator_pipelines/nope', 'invalid pipeline ID', ['GET', 'PATCH', 'DELETE']),
      ...ids400('/v1/aggregator_pipelines/nope/ports', 'invalid pipeline ID', ['GET', 'POST']),
      ...ids400('/v1/pipelines/nope/checks', 'invalid pipeline ID', ['GET', 'POST']),
      ...ids400('/v1/pipeline_checks/nope', 'invalid pipeline check ID', ['GET', 'PATCH', 'DELETE']),
      ...ids400(`/v1/pipeline_ports/${port}x`, 'invalid pipeline port ID', ['GET', 'PATCH', 'DELETE']),
      ...ids400('/v1/projects/nope/core_instances', 'invalid project ID', ['GET']),
      ...ids400('/v1/projects/nope/pipelines', 'invalid project ID', ['GET']),
    ],
    'pagination (400)': [
      ...['-1', 'abc', '1.5', '1e3', '', '9999999999'].map((last): ErrorCase => ({
        method: 'GET',
        url: `/v1/core_instances/${core}/checks?last=${last}`,
        status: 400,
        error: 'invalid last',
      })),
      { method: 'GET', url: `/v1/pipelines/${pipeline}/checks?last=1&last=2`, status: 400, error: 'invalid last' },
      ...[
        `/v1/core_instances/${core}/checks`,
        `/v1/pipelines/${pipeline}/checks`,
        `/v1/aggregator_pipelines/${pipeline}/ports`,
        `/v1/core_instances/${core}/pipelines`,
        `/v1/projects/${project}/core_instances`,
        `/v1/projects/${project}/pipelines`,
      ].map((url): ErrorCase => ({ method: 'GET', url: `${url}?before=zzz`, status: 400, error: 'decode cursor' })),
      { method: 'GET', url: `/v1/core_instances/${core}/checks?before=a&before=b`, status: 400, error: 'decode cursor' },
      {
        method: 'GET',
        url: `/v1/core_instances/${core}/checks?before=${Buffer.from('12.not-a-uuid').toString('base64url')}`,
        status: 400,
        error: 'decode cursor',
      },
    ],
    'unknown resources (404)': [
      ...notFound(`/v1/aggregators/${ZERO}`, 'core instance not found', ['GET', 'PATCH', 'DELETE']),
      ...notFound(`/v1/aggregators/${ZERO}/ping`, 'core instance not found', ['POST']),
      ...notFound(`/v1/aggregators/${ZERO}/pipelines`, 'core instance not found', ['POST']),
      ...notFound(`/v1/core_instances/${ZERO}/pipelines`, 'core instance not found', ['GET']),
      ...notFound(`/v1/core_instances/${ZERO}/checks`, 'core instance not found', ['GET', 'POST']),
      ...notFound(`/v1/core_instance_checks/${ZERO}`, 'core instance check not found', ['GET', 'PATCH', 'DELETE']),
      // a check of the other kind is not one of these
      ...notFound(`/v1/core_instance_checks/${pipelineCheck}`, 'core instance check not found', ['GET', 'PATCH', 'DELETE']),
      ...notFound(`/v1/pipeline_checks/${coreCheck}`, 'pipeline check not found', ['GET', 'PATCH', 'DELETE']),
      ...notFound(`/v1/aggregator_pipelines/${ZERO}`, 'pipeline not found', ['GET', 'PATCH', 'DELETE']),
      ...notFound(`/v1/aggregator_pipelines/${ZERO}/ports`, 'pipeline not found', ['GET', 'POST']),
      ...notFound(`/v1/pipelines/${ZERO}/checks`, 'pipeline not found', ['GET', 'POST']),
      ...notFound(`/v1/pipeline_checks/${ZERO}`, 'pipeline check not found', ['GET', 'PATCH', 'DELETE']),
      ...notFound(`/v1/pipeline_ports/${ZERO}`, 'pipeline port not found', ['GET', 'PATCH', 'DELETE']),
      ...notFound(`/v1/projects/${ZERO}/core_instances`, 'project not found', ['GET']),
      ...notFound(`/v1/projects/${ZERO}/pipelines`, 'project not found', ['GET']),
    ],
    'another project’s resources (404)': [
      ...notFound(`/v1/aggregators/${core}`, 'core instance not found', ['GET', 'PATCH', 'DELETE'], outsider),
      ...notFound(`/v1/aggregators/${core}/ping`, 'core instance not found', ['POST'], outsider),
      ...notFound(`/v1/aggregators/${core}/pipelines`, 'core instance not found', ['POST'], outsider),
      ...notFound(`/v1/core_instances/${core}/pipelines`, 'core instance not found', ['GET'], outsider),
      ...notFound(`/v1/core_instances/${core}/checks`, 'core instance not found', ['GET', 'POST'], outsider),
      ...notFound(`/v1/core_instance_checks/${coreCheck}`, 'core instance check not found', ['GET', 'PATCH', 'DELETE'], outsider),
      ...notFound(`/v1/aggregator_pipelines/${pipeline}`, 'pipeline not found', ['GET', 'PATCH', 'DELETE'], outsider),
      ...notFound(`/v1/aggregator_pipelines/${pipeline}/ports`, 'pipeline not found', ['GET', 'POST'], outsider),
      ...notFound(`/v1/pipelines/${pipeline}/checks`, 'pipeline not found', ['GET', 'POST'], outsider),
      ...notFound(`/v1/pipeline_checks/${pipelineCheck}`, 'pipeline check not found', ['GET', 'PATCH', 'DELETE'], outsider),
      ...notFound(`/v1/pipeline_ports/${port}`, 'pipeline port not found', ['GET', 'PATCH', 'DELETE'], outsider),
      ...notFound(`/v1/projects/${project}/core_instances`, 'project not found', ['GET'], outsider),
      ...notFound(`/v1/projects/${project}/pipelines`, 'project not found', ['GET'], outsider),
      ...notFound(`/v1/projects/${project}/aggregator_pipelines`, 'project not found', ['GET'], outsider),
    ],
    'conflicts (409)': [
      { method: 'POST', url: '/v1/aggregators', body: { name: 'core-a' }, status: 409, error: 'aggregator name already exists' },
      {
        method: 'PATCH',
        url: `/v1/aggregators/${core}`,
        body: { name: 'core-b' },
        status: 409,
        error: 'aggregator name already exists',
      },
      {
        method: 'POST',
        url: `/v1/aggregators/${core}/pipelines`,
        body: { name: 'pipe-b' },
        status: 409,
        error: 'pipeline name already exists',
      },
      {
        method: 'PATCH',
        url: `/v1/aggregator_pipelines/${pipeline}`,
        body: { name: 'pipe-b' },
        status: 409,
        error: 'pipeline name already exists',
      },
      {
        method: 'POST',
        url: `/v1/aggregator_pipelines/${pipeline}/ports`,
        body: { ...portBody, frontendPort: 24225, probe: true, endpoint: '10.0.0.1' },
        status: 409,
        error: 'pipeline port already in use',
        detail: 'protocol tcp, port 24225',
      },
      {
        method: 'PATCH',
        url: `/v1/pipeline_ports/${port}`,
        body: { frontendPort: 24225, endpoint: '10.0.0.2' },
        status: 409,
        error: 'pipeline port already in use',
        detail: 'protocol tcp, port 24225',
      },
      {
        method: 'POST',
        url: `/v1/pipelines/${pipeline}/checks`,
        body: { ...checkBody, port: 5433 },
        status: 409,
        error: 'pipeline check already exists',
      },
      {
        method: 'PATCH',
        url: `/v1/pipeline_checks/${pipelineCheck}`,
        body: { port: 5433 },
        status: 409,
        error: 'pipeline check already exists',
      },
    ],
  };
}
