import type { FastifyInstance } from 'fastify';
import {
  changeCloudCheck,
  CHECK_NOUN,
  createCloudCheck,
  listChecksOf,
  removeCloudCheck,
  requireCloudCheck,
  type CheckParentKind,
} from '../../cloud/cloud-checks.js';
import type { Deps } from '../../deps.js';
import { checkCreateInput, checkUpdateInput } from './cloud-check-input.js';
import { pageQuery, uuidParam } from './cloud-input.js';
import { presentCheck, rfc3339, sendPage } from './cloud-present.js';
import { callerProject } from './cloud-caller.js';

type IdParams = { Params: { id: string } };

const PATHS: Record<CheckParentKind, { collection: string; item: string; parent: string }> = {
  core_instance: { collection: '/v1/core_instances/:id/checks', item: '/v1/core_instance_checks/:id', parent: 'core instance' },
  pipeline: { collection: '/v1/pipelines/:id/checks', item: '/v1/pipeline_checks/:id', parent: 'pipeline' },
};

/** Core instance checks (spec §3) and their pipeline twins: the same routes, two prefixes. */
export function cloudCheckRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    for (const kind of ['core_instance', 'pipeline'] as const) {
      const paths = PATHS[kind];
      const checkId = (id: string) => uuidParam(id, CHECK_NOUN[kind]);
      app.post<IdParams>(paths.collection, async (request, reply) => {
        const parentId = uuidParam(request.params.id, paths.parent);
        const input = checkCreateInput(kind, request.body);
        const created = await createCloudCheck(deps, callerProject(request), kind, parentId, input);
        return reply.code(201).send({ id: created.id, createdAt: rfc3339(created.createdAt) });
      });
      app.get<IdParams>(paths.collection, async (request, reply) => {
        const parentId = uuidParam(request.params.id, paths.parent);
        const page = await listChecksOf(deps, callerProject(request), kind, parentId, pageQuery(request.query));
        return sendPage(request, reply, page, presentCheck);
      });
      app.get<IdParams>(paths.item, async (request) =>
        presentCheck(await requireCloudCheck(deps, callerProject(request), kind, checkId(request.params.id))),
      );
      app.patch<IdParams>(paths.item, async (request, reply) => {
        const id = checkId(request.params.id);
        await changeCloudCheck(deps, callerProject(request), kind, id, checkUpdateInput(kind, request.body));
        return reply.code(204).send();
      });
      app.delete<IdParams>(paths.item, async (request, reply) => {
        await removeCloudCheck(deps, callerProject(request), kind, checkId(request.params.id));
        return reply.code(204).send();
      });
    }
  };
}
