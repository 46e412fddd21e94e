import { projectFor } from '../accounts/project-access.js';
import { listBadgeUrls } from '../checks/list-badge-urls.js';
import { isBadgeFormat } from '../domain/badge-render.js';
import { ALL_CHECKS_TAG } from '../domain/badge-status.js';
import { badgeBuilderPage } from './badge-builder-page.js';
import { pageContext, requireUser } from './page-context.js';
import type { WebKit } from './web-plugin.js';
import type { FastifyInstance } from 'fastify';

type BuilderQuery = { tag?: unknown; fmt?: unknown; states?: unknown };

/** A repeated parameter arrives as an array: the page reads one value, the last. */
const one = (value: unknown): string | undefined =>
  Array.isArray(value) ? one(value[value.length - 1]) : typeof value === 'string' ? value : undefined;

/**
 * `/projects/<code>/badges/` (spec §6.5): any member may build badge URLs. The choice is a GET
 * form, so the page works without JavaScript and a chosen badge has a URL of its own.
 */
export function badgeBuilderRoutes(app: FastifyInstance, kit: WebKit): void {
  app.get<{ Params: { code: string }; Querystring: BuilderQuery }>('/projects/:code/badges/', async (request, reply) => {
    const project = await projectFor(kit.deps, requireUser(request), request.params.code);
    // The same URLs as GET /api/v3/badges/ lists, from the same use-case.
    const badges = await listBadgeUrls(kit.deps, project.id);
    const tag = one(request.query.tag);
    const fmt = one(request.query.fmt);
    const states = one(request.query.states);
    const ctx = pageContext(kit.deps, request, reply, kit.prefix);
    return kit.send(
      reply,
      badgeBuilderPage(ctx, {
        project,
        badges,
        tag: tag !== undefined && Object.hasOwn(badges, tag) ? tag : ALL_CHECKS_TAG,
        format: fmt !== undefined && isBadgeFormat(fmt) ? fmt : 'svg',
        states: states === '3' ? 3 : 2,
      }),
    );
  });
}
