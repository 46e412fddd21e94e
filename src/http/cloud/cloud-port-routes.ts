import type { FastifyInstance } from 'fastify';
import {
  changePipelinePort,
  createPipelinePort,
  listPortsOfPipeline,
  removePipelinePort,
  requirePipelinePort,
} from '../../cloud/pipeline-ports.js';
import type { Deps } from '../../deps.js';
import { pageQuery, uuidParam } from './cloud-input.js';
import { portCreateInput, portUpdateInput } from './cloud-port-input.js';
import { presentPort, rfc3339, sendPage } from './cloud-present.js';
import { callerProject } from './cloud-caller.js';

type IdParams = { Params: { id: string } };

/** Pipeline ports (spec §4): created and listed under the old `aggregator_pipelines` path. */
export function cloudPortRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<IdParams>('/v1/aggregator_pipelines/:id/ports', async (request, reply) => {
      const pipelineId = uuidParam(request.params.id, 'pipeline');
      const port = await createPipelinePort(deps, callerProject(request), pipelineId, portCreateInput(request.body));
      return reply.code(201).send({
        id: port.id,
        kind: port.kind,
        pluginID: port.pluginId,
        pluginName: port.pluginName,
        pluginAlias: port.pluginAlias,
        createdAt: rfc3339(port.createdAt),
      });
    });
    app.get<IdParams>('/v1/aggregator_pipelines/:id/ports', async (request, reply) => {
      const pipelineId = uuidParam(request.params.id, 'pipeline');
      const page = await listPortsOfPipeline(deps, callerProject(request), pipelineId, pageQuery(request.query));
      return sendPage(request, reply, page, presentPort);
    });
    app.get<IdParams>('/v1/pipeline_ports/:id', async (request) =>
      presentPort(await requirePipelinePort(deps, callerProject(request), uuidParam(request.params.id, 'pipeline port'))),
    );
    app.patch<IdParams>('/v1/pipeline_ports/:id', async (request, reply) => {
      const id = uuidParam(request.params.id, 'pipeline port');
      await changePipelinePort(deps, callerProject(request), id, portUpdateInput(request.body));
      return reply.code(204).send();
    });
    app.delete<IdParams>('/v1/pipeline_ports/:id', async (request, reply) => {
      await removePipelinePort(deps, callerProject(request), uuidParam(request.params.id, 'pipeline port'));
      return reply.code(204).send();
    });
  };
}
