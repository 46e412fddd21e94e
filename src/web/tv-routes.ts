import type { FastifyInstance } from 'fastify';
import { projectFor } from '../accounts/project-access.js';
import { listChecks } from '../checks/read-checks.js';
import { AppError } from '../lib/app-error.js';
import { pageContext, requireUser } from './page-context.js';
import { projectTitle } from './settings-page.js';
import { tvGrid, tvTiles } from './tv-grid.js';
import { tvPage } from './tv-page.js';
import type { WebKit } from './web-plugin.js';

/**
 * `/projects/<code>/tv/`: every check of the project on one dark screen, refreshed in place.
 * Members only, through the session: unlike Healthchecks' `/tv/#<key>`, no API key sits in a URL.
 */
export function tvRoutes(app: FastifyInstance, kit: WebKit): void {
  const tiles = async (projectId: number) => {
    const checks = await listChecks(kit.deps, { projectId, readOnly: true }, { tags: [], slug: undefined });
    const now = kit.deps.clock.now();
    return { now, tiles: tvTiles(checks, now) };
  };

  app.get<{ Params: { code: string } }>('/projects/:code/tv/', async (request, reply) => {
    const project = await projectFor(kit.deps, requireUser(request), request.params.code);
    const { now, tiles: all } = await tiles(project.id);
    const ctx = pageContext(kit.deps, request, reply, kit.prefix);
    return kit.send(reply, tvPage(ctx, { code: project.code, name: projectTitle(project) }, tvGrid(all, now)));
  });

  app.get<{ Params: { code: string } }>('/projects/:code/tv/grid/', async (request, reply) => {
    // A live region must not swap the login page into the grid: 403 keeps the last tiles.
    if (!request.user) throw new AppError('forbidden', 'log in first');
    const project = await projectFor(kit.deps, request.user, request.params.code);
    const { now, tiles: all } = await tiles(project.id);
    reply.header('cache-control', 'no-store');
    return kit.send(reply, tvGrid(all, now));
  });
}
