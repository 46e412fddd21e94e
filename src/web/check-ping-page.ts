import type { CheckDetails } from '../checks/check-page-details.js';
import type { PingDetails } from '../checks/check-page-events.js';
import { checkPath } from './check-detail-page.js';
import { pingKindLabel, pingSource } from './check-event-log.js';
import { durationText, timeTag } from './check-time.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { PageContext } from './page-context.js';

/** Bodies above this are offered as a download only. */
const INLINE_BODY_BYTES = 100_000;
const lenient = new TextDecoder('utf-8');

function bodyBlock(download: string, body: Uint8Array | null): Html {
  if (!body || body.length === 0) return html`<p class="hint">This ping has no body.</p>`;
  const link = html`<a href="${download}" download>Download the body</a> (${body.length} bytes)`;
  if (body.length > INLINE_BODY_BYTES) return html`<p>${link}</p>`;
  return html`<pre class="ping-body" tabindex="0" aria-label="Ping body">${lenient.decode(body)}</pre>
    <p class="hint">${link}</p>`;
}

/** `…/checks/<uuid>/pings/<n>/` (spec §12 ping details): what was received, body included. */
export function checkPingPage(ctx: PageContext, details: CheckDetails, shown: PingDetails): Html {
  const { project, check } = details;
  const { ping, durationMs } = shown;
  const base = checkPath(ctx.prefix, project.code, check.code);
  const name = check.name || 'unnamed';
  const row = (label: string, value: Html | string) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const body = html`<p class="breadcrumb">
      <a href="${ctx.prefix}/projects/${project.code}/checks/">Checks</a> › <a href="${base}">${name}</a> › Ping #${ping.n}
    </p>
    <h1>${pingKindLabel(ping)} ping #${ping.n}</h1>
    <table class="ping-facts">
      <tbody>
        ${row('Received', timeTag(ping.createdAt, true))} ${row('Kind', pingKindLabel(ping))}
        ${row('Source', pingSource(ping))} ${row('Remote address', ping.remoteAddr ?? '–')}
        ${row('User agent', ping.ua || '–')} ${ping.rid ? row('Run ID', html`<code>${ping.rid}</code>`) : ''}
        ${ping.exitStatus !== null ? row('Exit status', String(ping.exitStatus)) : ''}
        ${durationMs !== undefined ? row('Duration', durationText(durationMs / 1000)) : ''}
      </tbody>
    </table>
    <p class="hint">Request headers other than the user agent are not stored.</p>
    <h2>Body</h2>
    ${bodyBlock(`${base}pings/${ping.n}/body/`, ping.body)}
    <p><a href="${base}">Back to ${name}</a></p>
    <script src="${ctx.prefix}/static/checks.js" defer></script>`;
  return page(ctx, {
    title: `Ping #${ping.n} – ${name}`,
    body,
    project: { code: project.code, name: project.name || project.ownerEmail },
    section: 'checks',
  });
}
