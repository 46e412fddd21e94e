import { coreInstanceStatus } from '../cloud/core-instances.js';
import type { CoreInstanceView } from '../cloud/dashboard.js';
import type { CloudCheckRecord } from '../store/cloud-checks.js';
import type { DashboardFlip } from '../store/cloud-dashboard.js';
import { checksTable, portsTable, target, type TableContext } from './cloud-detail-tables.js';
import { lastPing, projectLabel } from './cloud-list-page.js';
import { coreStatusBadge, flipStatus } from './cloud-status.js';
import { agoText, timeTag } from './check-time.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { PageContext } from './page-context.js';

function facts(view: CoreInstanceView): Html {
  const { core, now } = view;
  const dash = html`<span class="hint">—</span>`;
  return html`<dl class="cloud-facts" data-key="facts">
    <dt>Status</dt>
    <dd>${coreStatusBadge(coreInstanceStatus(core.lastPingAt, now))} <span class="hint">${lastPing(core.lastPingAt, now)}</span></dd>
    <dt>Version</dt>
    <dd>${core.version || dash}</dd>
    <dt>Environment</dt>
    <dd>${core.environmentName || dash}</dd>
    <dt>Tags</dt>
    <dd>${core.tags.length ? html`<span class="check-tags">${core.tags.map((t) => html`<span class="tag">${t}</span>`)}</span>` : dash}</dd>
    <dt>Image</dt>
    <dd>${core.image ? html`<code>${core.image}</code>` : dash}</dd>
    <dt>Registered</dt>
    <dd>${timeTag(core.createdAt)}</dd>
    <dt>ID</dt>
    <dd><code>${core.id}</code></dd>
  </dl>`;
}

function flipSubject(flip: DashboardFlip, checks: Map<string, CloudCheckRecord>, pipelineNames: Map<string, string>): Html {
  if (flip.coreInstanceId !== null) return html`this core instance (heartbeat)`;
  const check = flip.cloudCheckId === null ? undefined : checks.get(flip.cloudCheckId);
  if (!check) return html`<span class="hint">a removed check</span>`;
  const pipeline =
    check.pipelineId === null ? '' : html` <span class="hint">pipeline ${pipelineNames.get(check.pipelineId) ?? ''}</span>`;
  return html`check <code>${target(check)}</code>${pipeline}`;
}

function flipsTable(view: CoreInstanceView, checks: Map<string, CloudCheckRecord>, pipelineNames: Map<string, string>): Html {
  const { flips } = view.contents;
  if (flips.length === 0) return html`<p class="hint" data-key="no-flips">No status changes yet.</p>`;
  return html`<table class="cloud-table cloud-flips">
    <thead>
      <tr>
        <th scope="col">When</th>
        <th scope="col">Subject</th>
        <th scope="col">Change</th>
        <th scope="col">Reason</th>
      </tr>
    </thead>
    <tbody>
      ${flips.map(
        (f) => html`<tr data-key="flip-${f.id}">
<td>${timeTag(f.createdAt, true)}<br /><span class="hint">${agoText(f.createdAt, view.now)}</span></td>
<td>${flipSubject(f, checks, pipelineNames)}</td>
<td>${flipStatus(f.oldStatus)} → ${flipStatus(f.newStatus)}</td>
<td>${f.reason || html`<span class="hint">—</span>`}</td>
</tr>
`,
      )}
    </tbody>
  </table>`;
}

/** Everything on the page that changes on its own: the whole answer of `…/<id>/status/`. */
export function coreInstanceLive(t: TableContext, view: CoreInstanceView): Html {
  const { checks, pipelines, ports } = view.contents;
  const byId = new Map(checks.map((c) => [c.id, c]));
  const portsById = new Map(ports.map((p) => [p.id, p]));
  const followers = new Map(checks.filter((c) => c.portId !== null).map((c) => [c.portId!, c]));
  const pipelineNames = new Map(pipelines.map((p) => [p.id, p.name]));
  const own = checks.filter((c) => c.coreInstanceId !== null);
  return html`${facts(view)}
    <h2>Checks</h2>
    ${checksTable(t, own, portsById, html`No checks. Add one with <code>POST /v1/core_instances/${view.core.id}/checks</code>.`)}
    <h2>Pipelines</h2>
    ${pipelines.length === 0 ? html`<p class="hint">No pipelines.</p>` : ''}
    ${pipelines.map(
      (p) => html`<section class="cloud-pipeline" aria-labelledby="pipeline-${p.id}">
        <h3 id="pipeline-${p.id}">${p.name} <span class="hint">${p.kind}, ${p.portKind} ports${p.waitForChecks ? ', waits for checks' : ''}</span></h3>
        <h4>Ports</h4>
        ${portsTable(
          t,
          ports.filter((port) => port.pipelineId === p.id),
          followers,
        )}
        <h4>Pipeline checks</h4>
        ${checksTable(
          t,
          checks.filter((c) => c.pipelineId === p.id),
          portsById,
          html`No pipeline checks.`,
        )}
      </section>`,
    )}
    <h2>Recent status changes</h2>
    ${flipsTable(view, byId, pipelineNames)}`;
}

/** `/projects/<code>/cloud/<id>/`: one core instance, its checks, pipelines, ports and flips. */
export function coreInstancePage(ctx: PageContext, t: TableContext, view: CoreInstanceView): Html {
  const status = coreInstanceStatus(view.core.lastPingAt, view.now);
  const body = html`<p class="hint"><a href="${ctx.prefix}/projects/${view.project.code}/cloud/">Core instances</a></p>
    <h1>${view.core.name}</h1>
    ${t.canWrite ? '' : html`<p class="hint">You have read-only access to this project.</p>`}
    <div class="cloud-live" data-cloud-refresh="${t.base}status/">${coreInstanceLive(t, view)}</div>
    <script src="${ctx.prefix}/static/cloud.js" defer></script>`;
  return page(ctx, {
    title: `${view.core.name} (${status}) – Cloud`,
    body,
    project: projectLabel(view.project),
    section: 'cloud',
  });
}
