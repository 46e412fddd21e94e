import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectCodeOfCheck } from '../checks/check-page-access.js';
import { checkDetails } from '../checks/check-page-details.js';
import { checkEvents, pingDetails } from '../checks/check-page-events.js';
import { uncloak } from '../checks/uncloak.js';
import { AppError } from '../lib/app-error.js';
import { checkActionRoutes } from './check-action-routes.js';
import { checkPath } from './check-detail-page.js';
import { eventKinds, LOG_LIMIT, sendDetailPage } from './check-detail-view.js';
import { eventLog } from './check-event-log.js';
import { formValues } from './check-form-input.js';
import { checkPingPage } from './check-ping-page.js';
import { schedulePreview } from './check-schedule-form.js';
import { pageContext, requireUser } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

export type CheckRequest = FastifyRequest<{ Params: { code: string; uuid: string } }>;
type PingRequest = FastifyRequest<{ Params: { code: string; uuid: string; n: string } }>;

/** A ping number from the path: anything else is simply not found. */
function pingNumber(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new AppError('not_found', 'ping not found');
  return Number(text);
}

/** Live fragments are fetched by the page script: no session is a 403, not a login redirect. */
function fragmentUser(request: FastifyRequest) {
  if (!request.user) throw new AppError('forbidden', 'log in first');
  return request.user;
}

/** Check details (spec §12): the page, its live log, the schedule preview, ping details. */
export const checkDetailRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  // Spec §1.10's details URL, as notifications link it: the page lives under its project.
  app.get('/checks/:uuid/details/', async (request: FastifyRequest<{ Params: { uuid: string } }>, reply: FastifyReply) => {
    const user = requireUser(request);
    const projectCode = await projectCodeOfCheck(deps, user, request.params.uuid);
    return reply.redirect(checkPath(prefix, projectCode, request.params.uuid), 302);
  });

  // …and the cloaked form notifications link (spec §1.10): the unique key, not the UUID.
  app.get('/cloaked/:key/', async (request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply) => {
    const found = await uncloak(deps, requireUser(request), request.params.key);
    return reply.redirect(checkPath(prefix, found.projectCode, found.checkCode), 302);
  });

  app.get('/projects/:code/checks/:uuid/', async (request: CheckRequest, reply: FastifyReply) => {
    const user = requireUser(request);
    const details = await checkDetails(deps, user, request.params.code, request.params.uuid);
    return sendDetailPage(kit, request, reply, details);
  });

  app.get('/projects/:code/checks/:uuid/log/', async (request: CheckRequest, reply: FastifyReply) => {
    const user = fragmentUser(request);
    const { project, check } = await checkDetails(deps, user, request.params.code, request.params.uuid);
    const kinds = eventKinds(request.query);
    const events = await checkEvents(deps, check, kinds, LOG_LIMIT);
    reply.header('cache-control', 'no-store');
    return kit.send(reply, eventLog(`${checkPath(prefix, project.code, check.code)}pings/`, events, kinds.length > 0));
  });

  app.get('/projects/:code/checks/:uuid/preview/', async (request: CheckRequest, reply: FastifyReply) => {
    const user = fragmentUser(request);
    const { check } = await checkDetails(deps, user, request.params.code, request.params.uuid);
    return kit.send(reply, schedulePreview(formValues(request.query), deps.clock.now(), check.lastPingAt));
  });

  app.get('/projects/:code/checks/:uuid/pings/:n/', async (request: PingRequest, reply: FastifyReply) => {
    const user = requireUser(request);
    const details = await checkDetails(deps, user, request.params.code, request.params.uuid);
    const shown = await pingDetails(deps, details.check, pingNumber(request.params.n));
    return kit.send(reply, checkPingPage(pageContext(deps, request, reply, prefix), details, shown));
  });

  app.get('/projects/:code/checks/:uuid/pings/:n/body/', async (request: PingRequest, reply: FastifyReply) => {
    const user = requireUser(request);
    const { check } = await checkDetails(deps, user, request.params.code, request.params.uuid);
    const { ping } = await pingDetails(deps, check, pingNumber(request.params.n));
    if (!ping.body || ping.body.length === 0) throw new AppError('not_found', 'this ping has no body');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${check.code}-${ping.n}.txt"`)
      .send(Buffer.from(ping.body));
  });

  checkActionRoutes(app, kit);
};
