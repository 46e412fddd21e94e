import type { FastifyReply, FastifyRequest } from 'fastify';
import { canWrite, projectFor, type AccessibleProject } from '../accounts/project-access.js';
import { createProjectKey, revokeProjectKey } from '../accounts/project-keys-change.js';
import { isProjectKeyKind, projectKeys, type ProjectKeyKind } from '../accounts/project-keys.js';
import { AppError } from '../lib/app-error.js';
import { badgeBuilderRoutes } from './badge-builder-routes.js';
import { flash, pageContext, requireUser } from './page-context.js';
import { settingsPage } from './settings-page.js';
import { tvRoutes } from './tv-routes.js';
import type { WebKit, WebRoutes } from './web-plugin.js';

type KeyParams = { code: string; kind: string };

const REVOKED: Record<ProjectKeyKind, string> = {
  'read-write': 'The read-write API key has been revoked.',
  'read-only': 'The read-only API key has been revoked.',
  ping: 'The ping key has been revoked: checks can be pinged by UUID only.',
};

async function render(
  kit: WebKit,
  request: FastifyRequest,
  reply: FastifyReply,
  project: AccessibleProject,
  created?: { kind: ProjectKeyKind; key: string },
) {
  const ctx = pageContext(kit.deps, request, reply, kit.prefix);
  const keys = await projectKeys(kit.deps, project);
  const { pingEndpoint, prometheusEnabled } = kit.deps.config;
  // The page may carry a key in clear: no copy of it in any cache.
  reply.header('cache-control', 'no-store');
  const view = { project, keys, canWrite: canWrite(project.role), pingEndpoint, prometheusEnabled };
  return kit.send(reply, settingsPage(ctx, created ? { ...view, created } : view));
}

/** The project's settings page, its key forms, and the badge builder and TV pages. */
export const settingsRoutes: WebRoutes = (app, kit) => {
  app.get<{ Params: { code: string } }>('/projects/:code/settings/', async (request, reply) => {
    const project = await projectFor(kit.deps, requireUser(request), request.params.code);
    return render(kit, request, reply, project);
  });

  // The new key is shown on the page this POST answers, not after a redirect: it must never
  // travel in a cookie or a URL, and it exists nowhere else once this response is sent.
  app.post<{ Params: KeyParams }>('/projects/:code/settings/keys/:kind/create/', async (request, reply) => {
    const project = await projectFor(kit.deps, requireUser(request), request.params.code);
    const kind = request.params.kind;
    if (!isProjectKeyKind(kind)) throw new AppError('not_found', 'no such key');
    const key = await createProjectKey(kit.deps, project, kind);
    return render(kit, request, reply, project, { kind, key });
  });

  app.post<{ Params: KeyParams }>('/projects/:code/settings/keys/:kind/revoke/', async (request, reply) => {
    const project = await projectFor(kit.deps, requireUser(request), request.params.code);
    const kind = request.params.kind;
    if (!isProjectKeyKind(kind)) throw new AppError('not_found', 'no such key');
    await revokeProjectKey(kit.deps, project, kind);
    flash(reply, kit.prefix, REVOKED[kind]);
    return reply.redirect(`${kit.prefix}/projects/${project.code}/settings/`, 303);
  });

  badgeBuilderRoutes(app, kit);
  tvRoutes(app, kit);
};
