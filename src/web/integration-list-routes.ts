import { listIntegrations } from '../alerts/list-integrations.js';
import { removeChannel } from '../alerts/manage-channels.js';
import { sendTestNotification } from '../alerts/send-test-notification.js';
import { canWrite } from '../accounts/project-access.js';
import { integrationAccess } from './integration-access.js';
import { integrationListPage } from './integration-list-page.js';
import { flash, pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

type ChannelParams = { Params: { code: string; uuid: string } };

/** Spec §9.7's flash texts; an error's own full stop is not doubled. */
export function testFlash(result: { ok: boolean; error: string | null }): string {
  if (result.ok) return 'Test notification sent!';
  return `Could not send a test notification. ${(result.error ?? '').replace(/\.$/, '')}.`;
}

/** The integrations list, test notifications and removal. */
export const integrationListRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;
  const listUrl = (code: string) => `${prefix}/projects/${code}/integrations/`;

  app.get<{ Params: { code: string } }>('/projects/:code/integrations/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'read');
    const { integrations, checkTotal } = await listIntegrations(deps, caller);
    const ctx = pageContext(deps, request, reply, prefix);
    return kit.send(reply, integrationListPage(ctx, { project, integrations, checkTotal, canWrite: canWrite(project.role) }));
  });

  // any member, read-only ones too (spec §9.7): a test changes nothing but the delivery log
  app.post<ChannelParams>('/projects/:code/integrations/:uuid/test/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'read');
    const result = await sendTestNotification(deps, kit.senders, caller, request.params.uuid);
    flash(reply, prefix, testFlash(result));
    return reply.redirect(listUrl(project.code), 303);
  });

  app.post<ChannelParams>('/projects/:code/integrations/:uuid/remove/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    await removeChannel(deps, caller, request.params.uuid);
    flash(reply, prefix, 'Integration removed.');
    return reply.redirect(listUrl(project.code), 303);
  });
};
