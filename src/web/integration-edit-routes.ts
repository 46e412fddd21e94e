import { formField } from './form-field.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listIntegrations } from '../alerts/list-integrations.js';
import { getChannel, patchChannel, type ChannelView } from '../alerts/manage-channels.js';
import type { Integration } from '../integrations/integration.js';
import { findIntegration } from '../integrations/registry.js';
import { AppError } from '../lib/app-error.js';
import { integrationAccess } from './integration-access.js';
import { formBody } from './integration-form-body.js';
import { configForm, type ConfigFormState } from './integration-config-form.js';
import { asFormError } from './integration-form-error.js';
import { integrationFormPage } from './integration-form-page.js';
import { flash, pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

type ChannelParams = { Params: { code: string; uuid: string } };

/**
 * True when both configurations store the same value. A save that changes only the name must
 * not send the config: a new config re-enables the channel and forgets its last error.
 */
function sameConfig(integration: Integration, a: unknown, b: unknown): boolean {
  const pa = integration.configSchema.safeParse(a);
  const pb = integration.configSchema.safeParse(b);
  return pa.success && pb.success && integration.toStored(pa.data) === integration.toStored(pb.data);
}

function integrationOf(channel: ChannelView): Integration {
  const integration = findIntegration(channel.kind);
  if (!integration) throw new AppError('bad_request', `unsupported kind: ${channel.kind}`);
  return integration;
}

/** Edit and rename one integration. Secrets are never written back into the page. */
export const integrationEditRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  async function render(
    request: FastifyRequest<ChannelParams>,
    reply: FastifyReply,
    state: Pick<ConfigFormState, 'body' | 'error'>,
    status = 200,
  ) {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    const channel = await getChannel(deps, caller, request.params.uuid);
    const integration = integrationOf(channel);
    const all = (await listIntegrations(deps, caller)).integrations;
    const self = all.find((c) => c.code === channel.id);
    const ctx = pageContext(deps, request, reply, prefix);
    return kit.send(
      reply,
      integrationFormPage(ctx, {
        project,
        integration,
        heading: `Edit ${self?.displayName ?? integration.label}`,
        action: `${prefix}/projects/${project.code}/integrations/${channel.id}/edit/`,
        submitLabel: 'Save changes',
        name: channel.name,
        state: { ...state, stored: channel.config, others: all.filter((c) => c.code !== channel.id) },
      }),
      status,
    );
  }

  app.get<ChannelParams>('/projects/:code/integrations/:uuid/edit/', (request, reply) =>
    render(request, reply, { body: null, error: null }),
  );

  app.post<ChannelParams>('/projects/:code/integrations/:uuid/edit/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    const channel = await getChannel(deps, caller, request.params.uuid);
    const integration = integrationOf(channel);
    const body = formBody(request);
    try {
      const config = configForm(integration).read(body, channel.config);
      const name = formField(body, 'name').trim();
      await patchChannel(deps, caller, channel.id, {
        name,
        ...(sameConfig(integration, config, channel.config) ? {} : { config }),
      });
    } catch (error) {
      return render(request, reply, { body, error: asFormError(error) }, 400);
    }
    flash(reply, prefix, 'Integration saved.');
    return reply.redirect(`${prefix}/projects/${project.code}/integrations/`, 303);
  });
};
