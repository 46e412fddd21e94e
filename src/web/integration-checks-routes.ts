import { getChannel, patchChannel } from '../alerts/manage-channels.js';
import { listChecks } from '../checks/read-checks.js';
import { html } from './html.js';
import { integrationAccess } from './integration-access.js';
import { formBody } from './integration-form-body.js';
import { listIntegrations } from '../alerts/list-integrations.js';
import { page } from './layout.js';
import { csrfField, flash, pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

type ChannelParams = { Params: { code: string; uuid: string } };

const CHECK_FIELD = 'check-';
const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Which checks an integration notifies: a checkbox per check (spec §12, the assignment dialog). */
export const integrationChecksRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  app.get<ChannelParams>('/projects/:code/integrations/:uuid/checks/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    const channel = await getChannel(deps, caller, request.params.uuid);
    const assigned = new Set(channel.checks);
    const checks = (await listChecks(deps, caller, { tags: [], slug: undefined })).sort(
      (a, b) => byName.compare(a.name, b.name) || a.id - b.id,
    );
    const item = (await listIntegrations(deps, caller)).integrations.find((c) => c.code === channel.id);
    const title = `Checks using ${item?.displayName ?? channel.kind}`;
    const list = `${prefix}/projects/${project.code}/integrations/`;
    const ctx = pageContext(deps, request, reply, prefix);
    const boxes = checks.map(
      (check) => html`<li class="field checkbox">
        <input type="checkbox" id="check-${check.code}" name="${CHECK_FIELD}${check.code}" ${
          assigned.has(check.code) ? html`checked` : ''
        } />
        <label for="check-${check.code}">${check.name || 'unnamed'}
          ${check.tags ? html`<span class="hint">${check.tags}</span>` : ''}</label>
      </li>`,
    );
    return kit.send(
      reply,
      page(ctx, {
        title,
        project,
        section: 'integrations',
        body: html`<p class="breadcrumbs"><a href="${list}">Integrations</a></p>
          <h1>${title}</h1>
          ${
            checks.length === 0
              ? html`<p>This project has no checks yet.</p>`
              : html`<form method="post" action="${list}${channel.id}/checks/" class="assign-checks">
                  ${csrfField(ctx)}
                  <fieldset>
                    <legend>Notify this integration about these checks</legend>
                    <div class="select-all" data-select-all hidden></div>
                    <ul class="check-boxes">
                      ${boxes}
                    </ul>
                  </fieldset>
                  <p class="form-actions">
                    <button type="submit" class="primary">Save</button>
                    <a href="${list}">Cancel</a>
                  </p>
                </form>`
          }
          <script src="${prefix}/static/integrations.js" defer></script>`,
      }),
    );
  });

  app.post<ChannelParams>('/projects/:code/integrations/:uuid/checks/', async (request, reply) => {
    const { project, caller } = await integrationAccess(deps, request, request.params.code, 'write');
    const body = formBody(request);
    const codes = Object.keys(body)
      .filter((key) => key.startsWith(CHECK_FIELD) && body[key] !== undefined)
      .map((key) => key.slice(CHECK_FIELD.length));
    // the channel's assignments are replaced whole; unknown check UUIDs are a 400
    await patchChannel(deps, caller, request.params.uuid, { checks: codes });
    flash(reply, prefix, 'Saved the checks of the integration.');
    return reply.redirect(`${prefix}/projects/${project.code}/integrations/`, 303);
  });
};
