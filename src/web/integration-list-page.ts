import type { AccessibleProject } from '../accounts/project-access.js';
import type { IntegrationListItem } from '../alerts/list-integrations.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

export interface IntegrationListOptions {
  project: AccessibleProject;
  integrations: IntegrationListItem[];
  /** How many checks the project has. */
  checkTotal: number;
  /** Read-only members see the list and no actions. */
  canWrite: boolean;
}

/** An instant as `<time>`: machine-readable, with UTC text the page script may localize. */
export function timeTag(ms: number): Html {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

function lastNotification(item: IntegrationListItem): Html {
  if (item.lastNotifyAt === null) return html`<span class="hint">Never</span>`;
  return html`${timeTag(item.lastNotifyAt)}
    ${item.lastError ? html`<p class="error">${item.lastError}</p>` : html`<p class="delivered">Delivered</p>`}`;
}

function checksCell(ctx: PageContext, project: AccessibleProject, item: IntegrationListItem, options: IntegrationListOptions) {
  const text = `${item.checkCount} of ${options.checkTotal} ${options.checkTotal === 1 ? 'check' : 'checks'}`;
  if (!options.canWrite) return text;
  return html`<a href="${ctx.prefix}/projects/${project.code}/integrations/${item.code}/checks/"
    aria-label="Checks using ${item.displayName}: ${text}">${text}</a>`;
}

/** Any member may send a test notification (spec §9.7); only writers edit and remove. */
function actions(ctx: PageContext, project: AccessibleProject, item: IntegrationListItem, canWrite: boolean): Html {
  const base = `${ctx.prefix}/projects/${project.code}/integrations/${item.code}`;
  return html`<div class="integration-actions">
    <form method="post" action="${base}/test/" class="inline">
      ${csrfField(ctx)}
      <button type="submit" aria-label="Send a test notification to ${item.displayName}">Test</button>
    </form>
    ${
      canWrite
        ? html`<a class="button" href="${base}/edit/" aria-label="Edit ${item.displayName}">Edit</a>
            <form method="post" action="${base}/remove/" class="inline" data-confirm="Remove the integration “${item.displayName}”? This cannot be undone.">
              ${csrfField(ctx)}
              <button type="submit" class="danger" aria-label="Remove ${item.displayName}">Remove</button>
            </form>`
        : ''
    }
  </div>`;
}

function row(ctx: PageContext, options: IntegrationListOptions, item: IntegrationListItem): Html {
  return html`<tr id="integration-${item.code}" class="${item.disabled ? 'disabled' : ''}">
    <td>
      <strong class="integration-name">${item.displayName}</strong>
      <span class="tag kind">${item.label}</span>
      ${
        item.disabled
          ? html`<p class="disabled-note"><span class="tag">Disabled</span>
              Delivery stopped after a permanent error.${options.canWrite ? ' Saving its settings turns it back on.' : ''}</p>`
          : ''
      }
    </td>
    <td data-label="Used by">${checksCell(ctx, options.project, item, options)}</td>
    <td data-label="Last notification">${lastNotification(item)}</td>
    <td>${actions(ctx, options.project, item, options.canWrite)}</td>
  </tr>`;
}

/** `/projects/<code>/integrations/`: the project's integrations (spec §12). */
export function integrationListPage(ctx: PageContext, options: IntegrationListOptions): Html {
  const { project, integrations } = options;
  const table = html`<div class="table-wrap">
    <table class="integrations">
      <caption class="visually-hidden">
        Integrations of ${project.name}
      </caption>
      <thead>
        <tr>
          <th scope="col">Integration</th>
          <th scope="col">Used by</th>
          <th scope="col">Last notification</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${integrations.map((item) => row(ctx, options, item))}
      </tbody>
    </table>
  </div>`;
  return page(ctx, {
    title: `Integrations – ${project.name}`,
    project,
    section: 'integrations',
    body: html`<div class="page-head">
        <h1>Integrations</h1>
        ${
          options.canWrite
            ? html`<a class="button primary" href="${ctx.prefix}/projects/${project.code}/add/">Add integration</a>`
            : ''
        }
      </div>
      ${
        integrations.length === 0
          ? html`<p>This project has no integrations yet: nobody hears when a check goes down.</p>`
          : table
      }
      <script src="${ctx.prefix}/static/integrations.js" defer></script>`,
  });
}
