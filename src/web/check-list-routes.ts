import type { FastifyReply, FastifyRequest } from 'fastify';
import { addCheck } from '../checks/check-page-add.js';
import { checksList } from '../checks/check-page-list.js';
import { setShowSlugs } from '../checks/check-page-slugs.js';
import { AppError } from '../lib/app-error.js';
import { checkListPage } from './check-list-page.js';
import { parseListQuery } from './check-list-query.js';
import { checkListRows } from './check-list-rows.js';
import { pageContext, requireUser } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

type ProjectRequest = FastifyRequest<{ Params: { code: string } }>;

/** Where a form posted from the list goes back to: the list with its filters, never elsewhere. */
function backToList(request: FastifyRequest, list: string): string {
  const referer = request.headers.referer;
  if (!referer) return list;
  try {
    const url = new URL(referer);
    return url.pathname.endsWith(list) ? `${list}${url.search}` : list;
  } catch {
    return list;
  }
}

/** Time spent on the request so far (session, queries, rendering): the bench reads it (issue 5: 300 ms). */
const serverTiming = (reply: FastifyReply) => reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);

/** The checks list (spec §12): the page, its live part, adding a check, slug or UUID URLs. */
export const checkListRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;
  const listPath = (code: string) => `${prefix}/projects/${code}/checks/`;

  app.get('/projects/:code/checks/', async (request: ProjectRequest, reply: FastifyReply) => {
    const user = requireUser(request);
    const query = parseListQuery(request.query);
    const view = await checksList(deps, user, request.params.code, query);
    const ctx = pageContext(deps, request, reply, prefix);
    const markup = checkListPage(ctx, deps.config, view, query.filters);
    return kit.send(serverTiming(reply), markup);
  });

  // The live region's source: polled by public/checks.js, so it answers fragments, and 403
  // (not a login redirect, which would put the login page inside the table) without a session.
  app.get('/projects/:code/checks/status/', async (request: ProjectRequest, reply: FastifyReply) => {
    if (!request.user) throw new AppError('forbidden', 'log in first');
    const { filters } = parseListQuery(request.query);
    const view = await checksList(deps, request.user, request.params.code, { filters });
    const markup = checkListRows(view, deps.config, prefix, filters);
    return kit.send(serverTiming(reply).header('cache-control', 'no-store'), markup);
  });

  app.post('/projects/:code/checks/add/', async (request: ProjectRequest, reply: FastifyReply) => {
    const user = requireUser(request);
    const code = await addCheck(deps, user, request.params.code);
    return reply.redirect(`${listPath(request.params.code)}${code}/`, 303);
  });

  app.post('/projects/:code/checks/slugs/', async (request: ProjectRequest, reply: FastifyReply) => {
    const user = requireUser(request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    await setShowSlugs(deps, user, request.params.code, form.show_slugs === '1');
    return reply.redirect(backToList(request, listPath(request.params.code)), 303);
  });
};
