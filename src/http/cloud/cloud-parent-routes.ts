import type { FastifyInstance } from 'fastify';
import {
  changeCoreInstance,
  createCoreInstance,
  getCoreInstance,
  listProjectCoreInstances,
  removeCoreInstance,
  requireOwnProject,
} from '../../cloud/core-instances.js';
import { pingCoreInstance } from '../../cloud/core-instance-heartbeat.js';
import { listPortsOfPipeline } from '../../cloud/pipeline-ports.js';
import {
  changePipeline,
  createPipeline,
  getPipeline,
  listCoreInstancePipelines,
  listProjectPipelines,
  removePipeline,
} from '../../cloud/pipelines.js';
import type { Deps } from '../../deps.js';
import { encodeCursor, pageQuery, uuidParam } from './cloud-input.js';
import {
  coreInstanceCreateInput,
  coreInstanceUpdateInput,
  pipelineCreateInput,
  pipelineUpdateInput,
  pipelineNameQuery,
} from './cloud-parent-input.js';
import { presentCoreInstance, presentPipeline, rfc3339, sendPage } from './cloud-present.js';
import { callerProject } from './cloud-caller.js';

type IdParams = { Params: { id: string } };

/** Core instances (aggregators) and their pipelines, the minimum checks and ports hang on (spec §5). */
export function cloudParentRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    const coreId = (id: string) => uuidParam(id, 'core instance');
    const pipelineId = (id: string) => uuidParam(id, 'pipeline');

    // project-token only on Calyptia: the project comes from the credentials, never the path
    app.post('/v1/aggregators', async (request, reply) => {
      const created = await createCoreInstance(deps, callerProject(request), coreInstanceCreateInput(request.body));
      return reply.code(201).send({ id: created.id, name: created.name, createdAt: rfc3339(created.createdAt) });
    });
    app.get<{ Params: { projectID: string } }>('/v1/projects/:projectID/core_instances', async (request) => {
      const projectCode = uuidParam(request.params.projectID, 'project');
      await requireOwnProject(deps, callerProject(request), projectCode);
      const page = await listProjectCoreInstances(deps, callerProject(request), pageQuery(request.query));
      return {
        items: page.items.map(presentCoreInstance),
        endCursor: page.next ? encodeCursor(page.next) : null,
        count: page.count,
      };
    });
    app.get<IdParams>('/v1/aggregators/:id', async (request) =>
      presentCoreInstance(await getCoreInstance(deps, callerProject(request), coreId(request.params.id))),
    );
    app.patch<IdParams>('/v1/aggregators/:id', async (request, reply) => {
      const id = coreId(request.params.id);
      await changeCoreInstance(deps, callerProject(request), id, coreInstanceUpdateInput(request.body));
      return reply.code(204).send();
    });
    app.delete<IdParams>('/v1/aggregators/:id', async (request, reply) => {
      await removeCoreInstance(deps, callerProject(request), coreId(request.params.id));
      return reply.code(204).send();
    });
    app.post<IdParams>('/v1/aggregators/:id/ping', async (request) => {
      const nextMs = await pingCoreInstance(deps, callerProject(request), coreId(request.params.id));
      // the spec's duration string (§6.10), not the Go type's integer nanoseconds
      return { nextPing: `${nextMs / 1000}s` };
    });

    app.post<IdParams>('/v1/aggregators/:id/pipelines', async (request, reply) => {
      const id = coreId(request.params.id);
      const created = await createPipeline(deps, callerProject(request), id, pipelineCreateInput(request.body));
      return reply.code(201).send({ id: created.id, name: created.name, createdAt: rfc3339(created.createdAt) });
    });
    app.get<IdParams>('/v1/core_instances/:id/pipelines', async (request, reply) => {
      const id = coreId(request.params.id);
      const page = await listCoreInstancePipelines(deps, callerProject(request), id, pageQuery(request.query));
      return sendPage(request, reply, page, (p) => presentPipeline(p));
    });
    // The spec's path, and the one the Go client's ProjectPipelines calls: a bare array and a
    // `Link` header, as the other array lists (spec §2.4).
    for (const path of ['/v1/projects/:projectID/pipelines', '/v1/projects/:projectID/aggregator_pipelines'])
      app.get<{ Params: { projectID: string } }>(path, async (request, reply) => {
        const projectCode = uuidParam(request.params.projectID, 'project');
        await requireOwnProject(deps, callerProject(request), projectCode);
        const name = pipelineNameQuery(request.query);
        const page = await listProjectPipelines(deps, callerProject(request), pageQuery(request.query), name);
        return sendPage(request, reply, page, (p) => presentPipeline(p));
      });
    app.get<IdParams & { Querystring: { include?: string } }>('/v1/aggregator_pipelines/:id', async (request) => {
      const id = pipelineId(request.params.id);
      const pipeline = await getPipeline(deps, callerProject(request), id);
      const include = String(request.query.include ?? '').split(',');
      const ports = include.includes('ports')
        ? (await listPortsOfPipeline(deps, callerProject(request), id, { limit: null, before: null })).items
        : undefined;
      return presentPipeline(pipeline, ports);
    });
    app.patch<IdParams>('/v1/aggregator_pipelines/:id', async (request, reply) => {
      const id = pipelineId(request.params.id);
      await changePipeline(deps, callerProject(request), id, pipelineUpdateInput(request.body));
      return reply.code(204).send();
    });
    app.delete<IdParams>('/v1/aggregator_pipelines/:id', async (request, reply) => {
      await removePipeline(deps, callerProject(request), pipelineId(request.params.id));
      return reply.code(204).send();
    });
  };
}
