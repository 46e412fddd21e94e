import type { FastifyRequest } from 'fastify';
import { pathId, probeAgain, switchPortProbe } from '../cloud/dashboard.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { cloudProject, corePath } from './cloud-access.js';
import { formField } from './form-field.js';
import { flash } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

type CheckRequest = FastifyRequest<{ Params: { code: string; id: string; checkId: string } }>;
type PortRequest = FastifyRequest<{ Params: { code: string; id: string; portId: string } }>;

function probeWanted(body: unknown): boolean {
  const value = formField(body, 'probe');
  if (value !== '0' && value !== '1') throw new AppError('bad_request', 'Choose whether to probe the port.');
  return value === '1';
}

async function writableCore(deps: Pick<Deps, 'store'>, request: FastifyRequest<{ Params: { code: string; id: string } }>) {
  const project = await cloudProject(deps, request, request.params.code, 'write');
  return { project, coreId: pathId(request.params.id, 'core instance') };
}

/** The core instance page's buttons: "Probe again" on a check, a port's probe on or off. */
export const cloudActionRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  app.post('/projects/:code/cloud/:id/checks/:checkId/probe/', async (request: CheckRequest, reply) => {
    const { project, coreId } = await writableCore(deps, request);
    await probeAgain(deps, project, coreId, request.params.checkId);
    flash(reply, prefix, `${deps.config.siteName} will probe the check again in a moment.`);
    return reply.redirect(corePath(prefix, project.code, coreId), 303);
  });

  app.post('/projects/:code/cloud/:id/ports/:portId/probe/', async (request: PortRequest, reply) => {
    const { project, coreId } = await writableCore(deps, request);
    const probe = probeWanted(request.body);
    await switchPortProbe(deps, project, coreId, request.params.portId, probe);
    flash(reply, prefix, probe ? 'The port is probed while it has an endpoint.' : 'The port is no longer probed.');
    return reply.redirect(corePath(prefix, project.code, coreId), 303);
  });
};
