import { formField } from './form-field.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listIntegrations } from '../alerts/list-integrations.js';
import { createChannel } from '../alerts/manage-channels.js';
import type { Integration } from '../integrations/integration.js';
import { INTEGRATIONS } from '../integrations/registry.js';
import { AppError } from '../lib/app-error.js';
import { html } from './html.js';
import { integrationAccess } from './integration-access.js';
import { formBody } from './integration-form-body.js';
import { configForm, type ConfigFormState } from './integration-config-form.js';
import { asFormError } from './integration-form-error.js';
import { integrationFormPage } from './integration-form-page.js';
import { enabledKinds, isKindEnabled, kindBlurb } from './integration-kinds.js';
import { page } from './layout.js';
import { flash, pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';
import { sendEmailVerification } from '../alerts/email-verification.js';
import { requireUser } from './page-context.js';

type KindParams = { Params: { code: string; kind: string } };

/** "Add integration": the enabled kinds, and a form per kind (spec §9.8). */
export const integrationAddRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;
  const settings = deps.config.integrations;

  // a kind switched off by the settings has no pages at all (spec §9.8)
  const enabledIntegration = (kind: string): Integration => {
    const integration = INTEGRATIONS.get(kind);
    if (!integration || !isKindEnabled(settings, kind)) throw new AppError('not_found', 'no such integration kind');
    return integration;
  };

  app.get<{ Params: { code: string } }>('/projects/:code/add/', async (request, reply) => {
    const { project } = await integrationAccess(deps, request, request.params.code, 'write');
    const ctx = pageContext(deps, request, reply, prefix);
    const cards = enabledKinds(settings).map(
      (integration) => html`<li class="card kind-card">
        <h2>${integration.label}</h2>
        <p>${kindBlurb(integration.kind)}</p>
        <a class="button" href="${prefix}/projects/${project.code}/add/${integration.kind}/"
          aria-label="Add ${integration.label} integration">Add</a>
      </li>`,
    );
    return kit.send(
      reply,
      page(ctx, {
        title: 'Add integration',
        project,
        section: 'integrations',
        body: html`<p class="breadcrumbs"><a href="${prefix}/projects/${project.code}/integrations/">Integrations</a></p>
          <h1>Add integration</h1>
          <p class="hint">A new integration is assigned to every check of the project; the integrations list lets you change that later.</p>
          <ul class="cards kind-cards">
            ${cards}
          </ul>`,
      }),
    );
  });

  /** The form, fresh or with a rejected submission. */
  async function render(
    request: FastifyRequest<KindParams>,
    reply: FastifyReply,
    state: Pick<ConfigFormState, 'body' | 'error'>,
    status = 200,
  ) {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    const integration = enabledIntegration(request.params.kind);
    const ctx = pageContext(deps, request, reply, prefix);
    const others = (await listIntegrations(deps, caller)).integrations;
    return kit.send(
      reply,
      integrationFormPage(ctx, {
        project,
        integration,
        heading: `Add ${integration.label} integration`,
        action: `${prefix}/projects/${project.code}/add/${integration.kind}/`,
        submitLabel: 'Save integration',
        name: '',
        state: { ...state, stored: undefined, others },
        intro: html`<p>${kindBlurb(integration.kind)}</p>`,
      }),
      status,
    );
  }

  app.get<KindParams>('/projects/:code/add/:kind/', (request, reply) => render(request, reply, { body: null, error: null }));

  app.post<KindParams>('/projects/:code/add/:kind/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    const integration = enabledIntegration(request.params.kind);
    const body = formBody(request);
    // Spec §9.8: only the user's own address is confirmed at once; any other gets a link first.
    const user = requireUser(request);
    const confirmed = (address: string) =>
      !deps.config.integrations.emailUseVerification || address.toLowerCase() === user.email.toLowerCase();
    let added;
    try {
      const config = configForm(integration).read(body, undefined);
      // like Healthchecks' add pages, the new integration serves every existing check
      added = await createChannel(
        deps,
        caller,
        { kind: integration.kind, name: formField(body, 'name').trim(), config, checks: '*' },
        confirmed,
      );
    } catch (error) {
      return render(request, reply, { body, error: asFormError(error) }, 400);
    }
    const address = integration.kind === 'email' ? (added.config as { value: string }).value : null;
    if (address !== null && !confirmed(address)) {
      const sent = await sendEmailVerification(deps, kit.senders.mailer, {
        code: added.id,
        address,
        projectName: project.name || project.ownerEmail,
      });
      flash(
        reply,
        prefix,
        sent.ok
          ? `Email integration added. We sent a confirmation link to ${address}: alerts go out once it is opened.`
          : `Email integration added, but the confirmation email could not be sent (${sent.error}).`,
      );
      return reply.redirect(`${prefix}/projects/${project.code}/integrations/`, 303);
    }
    flash(reply, prefix, `${integration.label} integration added.`);
    return reply.redirect(`${prefix}/projects/${project.code}/integrations/`, 303);
  });
};
