import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireWrite } from '../accounts/project-access.js';
import { checkPageAction, type CheckAction } from '../checks/check-page-action.js';
import { checkDetails } from '../checks/check-page-details.js';
import { editCheck } from '../checks/check-page-edit.js';
import { pingNow } from '../checks/check-page-ping-now.js';
import { checkPath } from './check-detail-page.js';
import { sendDetailPage, type Resubmitted } from './check-detail-view.js';
import {
  filterFormInput,
  formValues,
  nameFormInput,
  scheduleFormInput,
  type FormResult,
  type FormValues,
} from './check-form-input.js';
import { flash, requireUser } from './page-context.js';
import type { WebKit } from './web-plugin.js';
import { copyCheck } from '../checks/check-page-copy.js';
import { transferCheck } from '../checks/check-page-transfer.js';

type CheckRequest = FastifyRequest<{ Params: { code: string; uuid: string } }>;

const FORMS: Record<Resubmitted['form'], { parse: (values: FormValues) => FormResult; saved: string }> = {
  name: { parse: nameFormInput, saved: 'Name, tags and description saved.' },
  schedule: { parse: scheduleFormInput, saved: 'Schedule saved.' },
  filters: { parse: filterFormInput, saved: 'Filtering rules saved.' },
};

const ACTIONS: Record<CheckAction, string> = {
  pause: 'The check is paused.',
  resume: 'The check is resumed: it is new until its next ping.',
  clear: 'Events cleared.',
  remove: 'The check is deleted.',
};

/**
 * The details page's forms and buttons. Each one: a session (else the login page), the CSRF
 * token (checked by the web plugin before this), membership (else 404), write access (else
 * 403), then validation: a refused form comes back with its errors beside its fields (400).
 */
export function checkActionRoutes(app: FastifyInstance, kit: WebKit): void {
  const { deps, prefix } = kit;
  const load = async (request: CheckRequest) => {
    const details = await checkDetails(deps, requireUser(request), request.params.code, request.params.uuid);
    requireWrite(details.project);
    return details;
  };
  const pathOf = (request: CheckRequest) => checkPath(prefix, request.params.code, request.params.uuid);

  for (const [form, { parse, saved }] of Object.entries(FORMS) as Array<[Resubmitted['form'], (typeof FORMS)['name']]>) {
    app.post(`/projects/:code/checks/:uuid/${form}/`, async (request: CheckRequest, reply: FastifyReply) => {
      const details = await load(request);
      const values = formValues(request.body);
      const input = parse(values);
      if (!input.ok) return sendDetailPage(kit, request, reply, details, { form, values, errors: input.errors }, 400);
      // "Preview" shows what a schedule draft means without saving it.
      if (form === 'schedule' && values.preview === '1')
        return sendDetailPage(kit, request, reply, details, { form, values, errors: {} });
      await editCheck(deps, details, input.changes);
      flash(reply, prefix, saved);
      return reply.redirect(pathOf(request), 303);
    });
  }

  app.post('/projects/:code/checks/:uuid/copy/', async (request: CheckRequest, reply: FastifyReply) => {
    const copy = await copyCheck(deps, await load(request));
    flash(reply, prefix, 'This is the copy: rename it and change what differs.');
    return reply.redirect(checkPath(prefix, request.params.code, copy), 303);
  });

  app.post('/projects/:code/checks/:uuid/transfer/', async (request: CheckRequest, reply: FastifyReply) => {
    const target = formValues(request.body).project ?? '';
    const moved = await transferCheck(deps, requireUser(request), await load(request), target);
    flash(reply, prefix, 'The check is moved: it now notifies the integrations of this project.');
    return reply.redirect(checkPath(prefix, moved, request.params.uuid), 303);
  });

  for (const action of Object.keys(ACTIONS) as CheckAction[]) {
    app.post(`/projects/:code/checks/:uuid/${action}/`, async (request: CheckRequest, reply: FastifyReply) => {
      const details = await load(request);
      await checkPageAction(deps, details, action);
      flash(reply, prefix, ACTIONS[action]);
      return reply.redirect(action === 'remove' ? `${prefix}/projects/${request.params.code}/checks/` : pathOf(request), 303);
    });
  }

  app.post('/projects/:code/checks/:uuid/ping/', async (request: CheckRequest, reply: FastifyReply) => {
    const details = await load(request);
    const proto = request.headers['x-forwarded-proto'];
    await pingNow(kit.recorder, details, {
      scheme: (typeof proto === 'string' ? proto : 'http').slice(0, 16),
      remoteAddr: request.ip || null,
      ua: request.headers['user-agent'] ?? '',
    });
    flash(reply, prefix, 'Pinged: a success signal was recorded.');
    return reply.redirect(pathOf(request), 303);
  });
}
