import { canWrite } from '../accounts/project-access.js';
import type { CheckDetails } from '../checks/check-page-details.js';
import type { DowntimeSummary } from '../checks/check-page-downtime.js';
import { EVENT_KINDS, type EventKind, type LogEvent } from '../checks/check-page-events.js';
import type { Config } from '../config.js';
import type { Check } from '../domain/check.js';
import { graceStart } from '../domain/status.js';
import { nameForm, filterForm } from './check-detail-forms.js';
import { downtimeTable } from './check-downtime-table.js';
import { EVENT_LABELS, eventLog } from './check-event-log.js';
import type { FormState } from './check-form-fields.js';
import { pingEmail, pingUrl, type PingAddress } from './check-ping-address.js';
import { scheduleForm } from './check-schedule-form.js';
import { displayStatus, statusIcon } from './check-status-icon.js';
import { agoText, timeTag, zonedText } from './check-time.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

export interface DetailView {
  details: CheckDetails;
  now: number;
  events: LogEvent[];
  kinds: EventKind[];
  downtime: DowntimeSummary;
  forms: { name: FormState; schedule: FormState; filters: FormState };
  preview: Html;
  /** The user's other projects the check may move to. */
  targets: Array<{ code: string; name: string }>;
}

/** The check's base path: every form and partial of the page hangs below it. */
export const checkPath = (prefix: string, projectCode: string, checkCode: string): string =>
  `${prefix}/projects/${projectCode}/checks/${checkCode}/`;

/** Spec §12's status sentence, plus the run in progress and the next deadline. */
function statusText(check: Check, now: number): Html {
  const status = displayStatus(check, now);
  const lastPing =
    check.lastPingAt === null ? '' : html` Last ping was ${agoText(check.lastPingAt, now)} (${timeTag(check.lastPingAt)}).`;
  let sentence: Html;
  if (status === 'paused')
    sentence = html`This check is paused${check.manualResume ? ', and will ignore pings until resumed' : ''}.${lastPing}`;
  else if (status === 'new') sentence = html`This check is ready for pings.`;
  else if (check.lastPingAt === null) sentence = html`This check is ${status}. It has never received a ping.`;
  else sentence = html`This check is ${status === 'grace' ? 'late' : status}.${lastPing}`;
  const running = check.lastStartAt === null ? '' : html` Currently running, started ${agoText(check.lastStartAt, now)}.`;
  const due = status === 'up' || status === 'grace' ? graceStart(check, false) : null;
  const next =
    due === null
      ? ''
      : html` The next ping is due ${timeTag(due)}${check.kind === 'simple' ? '' : html` (${zonedText(due, check.tz)})`}.`;
  return html`<p class="status-text">${sentence}${running}${next}</p>`;
}

function copyable(label: string, what: string, address: PingAddress): Html {
  return html`<dt>${label}</dt>
    <dd>
      <code class="${address.usable ? '' : 'unavailable'}">${address.text}</code>
      ${address.usable ? html`<button type="button" class="copy" data-copy="${address.text}" aria-label="Copy the ${what}">Copy</button>` : ''}
    </dd>`;
}

function howToPing(ctx: PageContext, config: Config, details: CheckDetails): Html {
  const { check, ping } = details;
  const url = pingUrl(config, ping, check);
  const settings = `${ctx.prefix}/projects/${details.project.code}/settings/`;
  return html`<section class="how-to-ping" aria-labelledby="h-ping">
    <h2 id="h-ping">How to ping</h2>
    <dl class="addresses">${copyable('Ping URL', 'ping URL', url)}
      ${copyable('Email address', 'email address', pingEmail(config, ping, check))}</dl>
    ${
      ping.showSlugs && ping.pingKey === null
        ? html`<p class="hint">Slug URLs need the project's ping key: create one in <a href="${settings}">Settings</a>.</p>`
        : ''
    }
    ${url.usable ? html`<p class="hint">For example: <code>curl -fsS -m 10 --retry 5 -o /dev/null ${url.text}</code></p>` : ''}
  </section>`;
}

function actions(ctx: PageContext, base: string, check: Check): Html {
  return html`<div class="check-actions">
    <form method="post" action="${base}ping/" class="inline">
      ${csrfField(ctx)}<button type="submit">Ping now</button>
    </form>
    ${
      check.status === 'paused'
        ? html`<form method="post" action="${base}resume/" class="inline">${csrfField(ctx)}<button type="submit">Resume</button></form>`
        : html`<form method="post" action="${base}pause/" class="inline">${csrfField(ctx)}<button type="submit">Pause</button></form>`
    }
  </div>`;
}

function eventsSection(base: string, view: DetailView, tz: string): Html {
  const query = new URLSearchParams(view.kinds.map((k): [string, string] => ['kind', k])).toString();
  return html`<section class="events" aria-labelledby="h-events">
    <h2 id="h-events">Events</h2>
    <form method="get" action="${base}" class="event-filter">
      <fieldset>
        <legend>Show</legend>
        ${EVENT_KINDS.map(
          (k) =>
            html`<label class="check-label"
              ><input type="checkbox" name="kind" value="${k}" ${view.kinds.includes(k) ? html`checked` : ''} />
              ${EVENT_LABELS[k]}</label
            >`,
        )}
        <button type="submit">Filter</button>
      </fieldset>
    </form>
    <p class="time-zones" hidden>
      Times in
      <button type="button" class="link" data-show-tz="local">your time zone</button> ·
      <button type="button" class="link" data-show-tz="UTC">UTC</button> ·
      <button type="button" class="link" data-show-tz="check" data-check-tz="${tz}">the check's zone (${tz})</button>
    </p>
    <div class="event-log-live" data-refresh-url="${base}log/${query ? `?${query}` : ''}" data-refresh-ms="3000">
      ${eventLog(`${base}pings/`, view.events, view.kinds.length > 0)}
    </div>
  </section>`;
}

function copyAndTransfer(ctx: PageContext, base: string, targets: DetailView['targets']): Html {
  return html`<section class="copy-transfer" aria-labelledby="h-copy">
    <h2 id="h-copy">Copy or move</h2>
    <form method="post" action="${base}copy/" class="inline">
      ${csrfField(ctx)}<button type="submit">Create a copy</button>
    </form>
    ${
      targets.length > 0
        ? html`<form method="post" action="${base}transfer/" class="inline" data-confirm="Move this check to the chosen project?">
            ${csrfField(ctx)}
            <label for="transfer-target" class="visually-hidden">Project to move the check to</label>
            <select id="transfer-target" name="project">
              ${targets.map((t) => html`<option value="${t.code}">${t.name}</option>`)}
            </select>
            <button type="submit">Transfer to project</button>
          </form>`
        : html`<p class="hint">To move this check, you need write access to another project.</p>`
    }
  </section>`;
}

function dangerZone(ctx: PageContext, base: string): Html {
  return html`<section class="danger-zone" aria-labelledby="h-danger">
    <h2 id="h-danger">Danger zone</h2>
    <form method="post" action="${base}clear/" class="inline" data-confirm="Delete every ping and status change of this check?">
      ${csrfField(ctx)}<button type="submit" class="danger">Clear events</button>
    </form>
    <form method="post" action="${base}remove/" class="inline" data-confirm="Delete this check for good?">
      ${csrfField(ctx)}<button type="submit" class="danger">Delete check</button>
    </form>
  </section>`;
}

/** `/projects/<code>/checks/<uuid>/` (spec §12 check details). */
export function checkDetailPage(ctx: PageContext, config: Config, view: DetailView): Html {
  const { project, check } = view.details;
  const base = checkPath(ctx.prefix, project.code, check.code);
  const writable = canWrite(project.role);
  const disabled = writable ? '' : html` disabled`;
  const title = check.name || 'unnamed';
  const body = html`<p class="breadcrumb"><a href="${ctx.prefix}/projects/${project.code}/checks/">Checks</a> › ${title}</p>
    <h1 class="check-title">${statusIcon(displayStatus(check, view.now), check.lastStartAt !== null)} ${title}</h1>
    ${
      check.tags
        ? html`<p class="check-tags">${check.tags
            .split(' ')
            .filter(Boolean)
            .map((t) => html`<span class="tag">${t}</span>`)}</p>`
        : ''
    }
    ${statusText(check, view.now)}
    ${writable ? actions(ctx, base, check) : html`<p class="hint">You have read-only access to this project.</p>`}
    ${howToPing(ctx, config, view.details)}
    <div class="details-grid">
      <section aria-labelledby="h-name">
        <h2 id="h-name">Name, tags and description</h2>
        <fieldset class="plain"${disabled}>${nameForm(ctx, `${base}name/`, view.forms.name)}</fieldset>
      </section>
      <section aria-labelledby="h-schedule">
        <h2 id="h-schedule">Schedule</h2>
        <fieldset class="plain"${disabled}>
          ${scheduleForm(ctx, `${base}schedule/`, `${base}preview/`, view.forms.schedule, view.preview)}
        </fieldset>
      </section>
      <section aria-labelledby="h-filters">
        <h2 id="h-filters">Filtering rules</h2>
        <fieldset class="plain"${disabled}>${filterForm(ctx, `${base}filters/`, view.forms.filters)}</fieldset>
      </section>
      <section aria-labelledby="h-downtime">
        <h2 id="h-downtime">Downtime</h2>
        ${downtimeTable(view.downtime)}
      </section>
    </div>
    ${eventsSection(base, view, check.tz)} ${writable ? html`${copyAndTransfer(ctx, base, view.targets)} ${dangerZone(ctx, base)}` : ''}
    <script src="${ctx.prefix}/static/checks.js" defer></script>`;
  return page(ctx, {
    title,
    body,
    project: { code: project.code, name: project.name || project.ownerEmail },
    section: 'checks',
  });
}
