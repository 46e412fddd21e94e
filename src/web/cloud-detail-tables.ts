import type { CloudCheckRecord } from '../store/cloud-checks.js';
import type { PipelinePortRecord } from '../store/cloud-ports.js';
import { isHost } from '../domain/is-host.js';
import { checkStatusBadge } from './cloud-status.js';
import { agoTag, durationText } from './check-time.js';
import { html, type Html } from './html.js';

/** What the tables of a core instance page are rendered with (the page and its live fragment). */
export interface TableContext {
  /** Who probes the checks no agent reports (SITE_NAME brands every page). */
  siteName: string;
  /** The core instance page's path: every form posts below it. */
  base: string;
  csrf: string;
  canWrite: boolean;
  now: number;
}

const csrf = (t: TableContext): Html => html`<input type="hidden" name="_csrf" value="${t.csrf}" />`;

export const target = (c: { protocol: string; host: string; port: number }): string => `${c.protocol} ${c.host}:${c.port}`;

function probeAgain(t: TableContext, check: CloudCheckRecord): Html {
  if (!t.canWrite) return html``;
  return html`<form method="post" action="${t.base}checks/${check.id}/probe/" class="inline">
    ${csrf(t)}<button type="submit" aria-label="Probe ${target(check)} again">Probe again</button>
  </form>`;
}

function lastError(error: string | null): Html {
  return error ? html`<span class="cloud-error">${error}</span>` : html`<span class="hint">—</span>`;
}

function checkRow(t: TableContext, check: CloudCheckRecord, ports: Map<string, PipelinePortRecord>): Html {
  const port = check.portId === null ? undefined : ports.get(check.portId);
  const follows = port ? html`<br /><span class="hint">follows port ${port.frontendPort}/${port.protocol}</span>` : '';
  const lastProbe = check.lastProbeAt === null ? html`<span class="hint">not yet</span>` : agoTag(check.lastProbeAt, t.now);
  return html`<tr data-key="check-${check.id}">
<td>${checkStatusBadge(check.status)}</td>
<td><code>${target(check)}</code>${follows}</td>
<td>${check.retries}</td>
<td>${durationText(check.intervalSeconds)}</td>
<td>${lastProbe}</td>
<td>${lastError(check.lastError)}</td>
<td>${check.agentManaged ? 'reported by an agent' : `probed by ${t.siteName}`}</td>
<td>${probeAgain(t, check)}</td>
</tr>
`;
}

/** A table of checks (a core instance's own, or one pipeline's), or a line saying there are none. */
export function checksTable(
  t: TableContext,
  checks: CloudCheckRecord[],
  ports: Map<string, PipelinePortRecord>,
  none: Html,
): Html {
  if (checks.length === 0) return html`<p class="hint">${none}</p>`;
  return html`<table class="cloud-table cloud-checks">
    <thead>
      <tr>
        <th scope="col">Status</th>
        <th scope="col">Target</th>
        <th scope="col">Retries</th>
        <th scope="col">Interval</th>
        <th scope="col">Last probe</th>
        <th scope="col">Last error</th>
        <th scope="col">Result from</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      ${checks.map((c) => checkRow(t, c, ports))}
    </tbody>
  </table>`;
}

/** Why a port whose probe is on has no check following it (see cloud/port-probe.ts). */
function whyNoCheck(port: PipelinePortRecord): string {
  if (port.endpoint === '') return 'waits for an endpoint';
  if (port.kind === 'ClusterIP') return 'not probed: a ClusterIP port is reachable only inside the cluster';
  if (!isHost(port.endpoint)) return 'not probed: the endpoint is not a host name or IPv4 address';
  return 'a pipeline check already probes this address';
}

function probeCell(t: TableContext, port: PipelinePortRecord, follower: CloudCheckRecord | undefined): Html {
  const state = port.probe ? html`<strong>On</strong>` : html`Off`;
  const result = follower
    ? html`<br />${checkStatusBadge(follower.status)}${follower.lastError ? html`<br />${lastError(follower.lastError)}` : ''}`
    : port.probe
      ? html`<br /><span class="hint">${whyNoCheck(port)}</span>`
      : '';
  const toggle = t.canWrite
    ? html`<form method="post" action="${t.base}ports/${port.id}/probe/" class="inline cloud-toggle">
        ${csrf(t)}<input type="hidden" name="probe" value="${port.probe ? '0' : '1'}" />
        <button type="submit" aria-label="Turn the probe of port ${port.frontendPort}/${port.protocol} ${port.probe ? 'off' : 'on'}">
          Turn probe ${port.probe ? 'off' : 'on'}
        </button>
      </form>`
    : '';
  return html`<td>${state}${result}</td>
<td>${toggle}</td>`;
}

function portRow(t: TableContext, port: PipelinePortRecord, follower: CloudCheckRecord | undefined): Html {
  const plugin = port.pluginId || port.pluginName;
  return html`<tr data-key="port-${port.id}">
<td>${port.protocol}</td>
<td>${port.frontendPort} → ${port.backendPort}</td>
<td>${port.endpoint === '' ? html`<span class="hint">Pending</span>` : html`<code>${port.endpoint}</code>`}</td>
<td>${port.kind}</td>
<td>${plugin ? html`<code>${port.pluginId ?? ''}</code> ${port.pluginName ?? ''}` : html`<span class="hint">—</span>`}</td>
${probeCell(t, port, follower)}
</tr>
`;
}

/** A pipeline's ports, each with its probe and the check that follows it. */
export function portsTable(t: TableContext, ports: PipelinePortRecord[], followers: Map<string, CloudCheckRecord>): Html {
  if (ports.length === 0) return html`<p class="hint">No ports.</p>`;
  return html`<table class="cloud-table cloud-ports">
    <thead>
      <tr>
        <th scope="col">Protocol</th>
        <th scope="col">Frontend → backend</th>
        <th scope="col">Endpoint</th>
        <th scope="col">Kind</th>
        <th scope="col">Plugin</th>
        <th scope="col">Probe</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      ${ports.map((p) => portRow(t, p, followers.get(p.id)))}
    </tbody>
  </table>`;
}
