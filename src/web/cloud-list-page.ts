import type { AccessibleProject } from '../accounts/project-access.js';
import { coreInstanceStatus } from '../cloud/core-instances.js';
import type { CloudListView } from '../cloud/dashboard.js';
import type { CheckTally, CoreInstanceSummary } from '../store/cloud-dashboard.js';
import { cloudPath } from './cloud-access.js';
import { coreStatusBadge } from './cloud-status.js';
import { agoTag } from './check-time.js';
import { codeBlock } from './docs-context.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { PageContext } from './page-context.js';

/** What the list's live part needs of the page context (its fragment has no full context). */
export type ListContext = Pick<PageContext, 'siteName' | 'siteRoot' | 'prefix'>;

export const projectLabel = (project: AccessibleProject) => ({
  code: project.code,
  name: project.name || project.ownerEmail,
});

function tallyText(t: CheckTally): Html {
  if (t.ok + t.failed + t.other === 0) return html`<span class="hint">No checks</span>`;
  const parts: Html[] = [];
  if (t.ok > 0) parts.push(html`<span class="flip-up">${t.ok} ok</span>`);
  if (t.failed > 0) parts.push(html`<span class="flip-down">${t.failed} failed</span>`);
  if (t.other > 0) parts.push(html`<span class="flip-new">${t.other} new or running</span>`);
  return html`${parts.map((p, i) => html`${i > 0 ? ' · ' : ''}${p}`)}`;
}

export function lastPing(lastPingAt: number | null, now: number): Html {
  return lastPingAt === null ? html`<span class="hint">never pinged</span>` : html`last ping ${agoTag(lastPingAt, now)}`;
}

function row(base: string, core: CoreInstanceSummary, now: number): Html {
  const tags = core.tags.length
    ? html`<span class="check-tags">${core.tags.map((t) => html`<span class="tag">${t}</span>`)}</span>`
    : '';
  return html`<tr data-key="${core.id}">
<td class="cloud-name"><a href="${base}${core.id}/">${core.name}</a>${tags}</td>
<td>${coreStatusBadge(coreInstanceStatus(core.lastPingAt, now))}<br /><span class="hint">${lastPing(core.lastPingAt, now)}</span></td>
<td>${core.version || html`<span class="hint">—</span>`}</td>
<td>${core.pipelines}</td>
<td class="cloud-tally">${tallyText(core.checks)}</td>
</tr>
`;
}

/** How to register the first core instance: the Cloud API with this server's own address. */
function emptyState(ctx: ListContext, project: AccessibleProject): Html {
  const root = ctx.siteRoot;
  const key = 'X-Project-Token: <your API key>';
  return html`<div class="cloud-empty">
    <p>This project has no core instances yet. A core instance registers itself through the Cloud API (Calyptia-compatible),
      with the project's read-write API key from <a href="${ctx.prefix}/projects/${project.code}/settings/">Settings</a>:</p>
    ${codeBlock(`curl -X POST -H '${key}' -H 'Content-Type: application/json' -d '{"name":"edge-1"}' ${root}/v1/aggregators`)}
    <p>The answer carries its <code>id</code>. It stays <em>running</em> while it sends a heartbeat,
      <code>POST ${root}/v1/aggregators/&lt;id&gt;/ping</code>, every 30 seconds.
      To have ${ctx.siteName} probe a TCP port for it, add a check:</p>
    ${codeBlock(
      `curl -X POST -H '${key}' -H 'Content-Type: application/json' -d '{"protocol":"tcp","host":"logs.example.com","port":24224}' ${root}/v1/core_instances/<id>/checks`,
    )}
    <p class="hint">Pipelines (<code>POST ${root}/v1/aggregators/&lt;id&gt;/pipelines</code>), their ports
      (<code>POST ${root}/v1/aggregator_pipelines/&lt;pipeline id&gt;/ports</code>, with <code>"probe": true</code> to
      have ${ctx.siteName} probe a port once it has an endpoint) and pipeline checks
      (<code>POST ${root}/v1/pipelines/&lt;pipeline id&gt;/checks</code>) are added the same way.</p>
  </div>`;
}

/** The live part of the list (and the whole answer of `…/cloud/status/`). */
export function cloudListRows(ctx: ListContext, view: CloudListView): Html {
  if (view.cores.length === 0) return emptyState(ctx, view.project);
  const base = cloudPath(ctx.prefix, view.project.code);
  return html`<table class="cloud-table">
    <thead>
      <tr>
        <th scope="col">Name</th>
        <th scope="col">Status</th>
        <th scope="col">Version</th>
        <th scope="col">Pipelines</th>
        <th scope="col">Checks</th>
      </tr>
    </thead>
    <tbody>
      ${view.cores.map((core) => row(base, core, view.now))}
    </tbody>
  </table>`;
}

/** `/projects/<code>/cloud/`: the project's core instances. */
export function cloudListPage(ctx: PageContext, view: CloudListView): Html {
  const base = cloudPath(ctx.prefix, view.project.code);
  const body = html`<h1>Core instances</h1>
    <div class="cloud-live" data-cloud-refresh="${base}status/">${cloudListRows(ctx, view)}</div>
    <script src="${ctx.prefix}/static/cloud.js" defer></script>`;
  return page(ctx, { title: 'Cloud', body, project: projectLabel(view.project), section: 'cloud' });
}
