import type { FastifyReply, FastifyRequest } from 'fastify';
import { canWrite, type AccessibleProject } from '../accounts/project-access.js';
import { cloudActionRoutes } from './cloud-action-routes.js';
import { cloudProject, corePath } from './cloud-access.js';
import { coreInstanceLive, coreInstancePage } from './cloud-detail-page.js';
import type { TableContext } from './cloud-detail-tables.js';
import { cloudListPage, cloudListRows } from './cloud-list-page.js';
import { cloudListView, coreInstanceView } from '../cloud/dashboard.js';
import { pageContext } from './page-context.js';
import type { WebKit, WebRoutes } from './web-plugin.js';

type ProjectRequest = FastifyRequest<{ Params: { code: string } }>;
type CoreRequest = FastifyRequest<{ Params: { code: string; id: string } }>;

/** Live fragments change with every probe: never cached. */
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

function tableContext(kit: WebKit, project: AccessibleProject, coreId: string, csrf: string, now: number): TableContext {
  return {
    siteName: kit.deps.config.siteName,
    base: corePath(kit.prefix, project.code, coreId),
    csrf,
    canWrite: canWrite(project.role),
    now,
  };
}

/**
 * The Cloud pages (issue 6 item 5): the project's core instances and one core instance with its
 * checks, pipelines, ports and status changes; each with a live fragment its script polls.
 */
export const cloudDashboardRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  app.get('/projects/:code/cloud/', async (request: ProjectRequest, reply) => {
    const project = await cloudProject(deps, request, request.params.code, 'read');
    const view = await cloudListView(deps, project);
    return kit.send(reply, cloudListPage(pageContext(deps, request, reply, prefix), view));
  });

  app.get('/projects/:code/cloud/status/', async (request: ProjectRequest, reply) => {
    const project = await cloudProject(deps, request, request.params.code, 'fragment');
    const view = await cloudListView(deps, project);
    const ctx = { siteName: deps.config.siteName, siteRoot: deps.config.siteRoot, prefix };
    return kit.send(noStore(reply), cloudListRows(ctx, view));
  });

  app.get('/projects/:code/cloud/:id/', async (request: CoreRequest, reply) => {
    const project = await cloudProject(deps, request, request.params.code, 'read');
    const view = await coreInstanceView(deps, project, request.params.id);
    const ctx = pageContext(deps, request, reply, prefix);
    return kit.send(reply, coreInstancePage(ctx, tableContext(kit, project, view.core.id, ctx.csrf, view.now), view));
  });

  app.get('/projects/:code/cloud/:id/status/', async (request: CoreRequest, reply) => {
    const project = await cloudProject(deps, request, request.params.code, 'fragment');
    const view = await coreInstanceView(deps, project, request.params.id);
    // the fragment's forms post like the page's: same CSRF secret, a fresh token
    const t = tableContext(kit, project, view.core.id, reply.generateCsrf(), view.now);
    return kit.send(noStore(reply), coreInstanceLive(t, view));
  });

  cloudActionRoutes(app, kit);
};
