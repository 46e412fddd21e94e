import type { ListedCheck, ListFilters } from '../checks/check-page-filter.js';
import type { ChecksList } from '../checks/check-page-list.js';
import type { Config } from '../config.js';
import { MAX_DURATION_MS } from '../domain/ping-durations.js';
import { filterQuery, toggleTag } from './check-list-query.js';
import { pingUrl } from './check-ping-address.js';
import { statusIcon } from './check-status-icon.js';
import { agoTag, durationText } from './check-time.js';
import { html, type Html } from './html.js';

/**
 * Links of one rendering, computed once rather than per row, and relative to the list page
 * (which the live fragment is shown in): a project path repeated 10,000 times is 600 kB.
 */
interface RowLinks {
  tag(tag: string): string;
}

function tagLinks(filters: ListFilters): (tag: string) => string {
  const cache = new Map<string, string>();
  return (tag) => {
    let href = cache.get(tag);
    if (href === undefined) cache.set(tag, (href = filterQuery(toggleTag(filters, tag)) || '.'));
    return href;
  };
}

function scheduleCell(listed: ListedCheck): Html {
  const { check } = listed;
  const grace = html`<span class="hint">grace ${durationText(check.graceSeconds)}</span>`;
  if (check.kind === 'simple') return html`<td class="schedule">${durationText(check.timeoutSeconds)} ${grace}</td>`;
  return html`<td class="schedule"><code class="expr">${check.schedule}</code> <span class="hint">${check.tz}</span> ${grace}</td>`;
}

function lastPingCell(listed: ListedCheck, now: number, showDurations: boolean): Html {
  const { lastPingAt, lastDurationMs } = listed.check;
  if (lastPingAt === null) return html`<td class="last-ping"><span class="hint">Never</span></td>`;
  const duration =
    showDurations && lastDurationMs !== null && lastDurationMs > 0 && lastDurationMs < MAX_DURATION_MS
      ? html`<span class="hint">took ${durationText(lastDurationMs / 1000)}</span>`
      : '';
  return html`<td class="last-ping">${agoTag(lastPingAt, now)} ${duration}</td>`;
}

function row(view: ChecksList, config: Pick<Config, 'pingEndpoint'>, links: RowLinks, listed: ListedCheck): Html {
  const { check } = listed;
  const label = check.name || 'unnamed';
  const url = pingUrl(config, view.ping, check);
  const notUnique =
    view.ping.showSlugs && view.duplicateSlugs.has(check.slug) ? html` <span class="hint">(not unique)</span>` : '';
  const copy = url.usable
    ? html` <button type="button" class="link copy" data-copy="${url.text}" aria-label="Copy the ping URL of ${label}">Copy</button>`
    : '';
  const tags = listed.tags.length
    ? html`<span class="check-tags">${listed.tags.map((t) => html`<a class="tag" href="${links.tag(t)}">${t}</a>`)}</span>`
    : '';
  // One line per cell: thousands of rows make whitespace a measurable share of the page.
  return html`<tr data-code="${check.code}">
<td>${statusIcon(listed.status, listed.started)}</td>
<td class="check-name"><a href="${check.code}/"${check.name ? '' : html` class="unnamed"`}>${label}</a>${tags}</td>
<td class="ping-url"><code>${url.text}</code>${notUnique}${copy}</td>
${scheduleCell(listed)}
${lastPingCell(listed, view.now, view.showDurations)}
</tr>
`;
}

/**
 * The live part of the checks page (and the whole answer of `…/checks/status/`): the count and
 * the table. Rows carry `data-code` so the page script replaces only the rows that changed.
 */
export function checkListRows(
  view: ChecksList,
  config: Pick<Config, 'pingEndpoint'>,
  prefix: string,
  filters: ListFilters,
): Html {
  const project = `${prefix}/projects/${view.project.code}/checks/`;
  if (view.total === 0) return html`<p class="checks-empty">This project has no checks yet.</p>`;
  if (view.checks.length === 0)
    return html`<p class="checks-empty">No check matches these filters. <a href="${project}">Show all checks</a>.</p>`;
  const links: RowLinks = { tag: tagLinks(filters) };
  const shown = view.checks.length === view.total ? `${view.total}` : `${view.checks.length} of ${view.total}`;
  return html`<p class="hint checks-count" role="status">${shown} check${view.total === 1 ? '' : 's'}</p>
    <table class="checks-table">
      <thead>
        <tr>
          <th scope="col"><span class="visually-hidden">Status</span></th>
          <th scope="col">Name</th>
          <th scope="col">Ping URL</th>
          <th scope="col">Period or schedule</th>
          <th scope="col">Last ping</th>
        </tr>
      </thead>
      <tbody>
        ${view.checks.map((listed) => row(view, config, links, listed))}
      </tbody>
    </table>`;
}
