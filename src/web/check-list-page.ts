import { canWrite } from '../accounts/project-access.js';
import { CHECK_SORTS, LIST_STATUSES, type CheckSort, type ListFilters, type ListStatus } from '../checks/check-page-filter.js';
import type { ChecksList } from '../checks/check-page-list.js';
import type { Config } from '../config.js';
import { filterQuery, toggleTag } from './check-list-query.js';
import { checkListRows } from './check-list-rows.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

const SORT_LABELS: Record<CheckSort, string> = {
  created: 'Created',
  name: 'Name (A to Z)',
  '-name': 'Name (Z to A)',
  last_ping: 'Last ping, newest first',
  '-last_ping': 'Last ping, oldest first',
};

const STATUS_LABELS: Record<ListStatus, string> = {
  up: 'Up',
  grace: 'Late',
  down: 'Down',
  paused: 'Paused',
  new: 'New',
  started: 'Running',
};

function filterForm(view: ChecksList, filters: ListFilters, action: string): Html {
  return html`<form class="checks-filters" method="get" action="${action}" role="search" aria-label="Filter checks">
    ${filters.tags.map((tag) => html`<input type="hidden" name="tag" value="${tag}" />`)}
    <div class="filter-field">
      <label for="checks-search">Search</label>
      <input type="search" id="checks-search" name="search" value="${filters.search}" placeholder="name, slug, tag…" />
    </div>
    <fieldset class="status-filter">
      <legend>Status</legend>
      ${LIST_STATUSES.map(
        (s) =>
          html`<label class="check-label"
            ><input type="checkbox" name="status" value="${s}"${filters.statuses.includes(s) ? html` checked` : ''} />
            ${STATUS_LABELS[s]}</label
          >`,
      )}
    </fieldset>
    <div class="filter-field">
      <label for="checks-sort">Sort by</label>
      <select id="checks-sort" name="sort">
        ${CHECK_SORTS.map((s) => html`<option value="${s}" ${s === view.sort ? html`selected` : ''}>${SORT_LABELS[s]}</option>`)}
      </select>
    </div>
    <div class="filter-buttons">
      <button type="submit">Apply</button>
      ${filterQuery(filters) ? html`<a href="${action}">Clear filters</a>` : ''}
    </div>
  </form>`;
}

function tagFilter(view: ChecksList, filters: ListFilters, list: string): Html {
  if (view.tags.length === 0) return html``;
  return html`<nav class="tag-filter" aria-label="Filter by tag">
    ${view.tags.map((t) => {
      const on = filters.tags.includes(t.tag);
      const health = t.down > 0 ? 'down' : t.grace > 0 ? 'grace' : 'up';
      const count = t.down > 0 ? `${t.down} of ${t.total} down` : `${t.total} up`;
      return html`<a class="tag tag-${health}${on ? ' selected' : ''}" href="${list}${filterQuery(toggleTag(filters, t.tag))}"${
        on ? html` aria-current="true"` : ''
      }
        >${t.tag} <span class="tag-count">${count}</span>${on ? html`<span class="visually-hidden"> (filtering; select to remove)</span>` : ''}</a
      >`;
    })}
  </nav>`;
}

function projectActions(ctx: PageContext, view: ChecksList, list: string): Html {
  if (!canWrite(view.project.role)) return html`<p class="hint">You have read-only access to this project.</p>`;
  return html`<div class="checks-actions">
    <form method="post" action="${list}add/" class="inline">
      ${csrfField(ctx)}
      <button type="submit" class="primary">Add check</button>
    </form>
    <form method="post" action="${list}slugs/" class="inline">
      ${csrfField(ctx)}
      <input type="hidden" name="show_slugs" value="${view.ping.showSlugs ? '0' : '1'}" />
      <button type="submit">${view.ping.showSlugs ? 'Show UUID ping URLs' : 'Show slug ping URLs'}</button>
    </form>
  </div>`;
}

/** `/projects/<code>/checks/` (spec §12). */
export function checkListPage(
  ctx: PageContext,
  config: Pick<Config, 'pingEndpoint'>,
  view: ChecksList,
  filters: ListFilters,
): Html {
  const list = `${ctx.prefix}/projects/${view.project.code}/checks/`;
  const project = { code: view.project.code, name: view.project.name || view.project.ownerEmail };
  const down = view.down;
  const body = html`<div class="checks-head">
      <h1>Checks${down > 0 ? html` <span class="checks-down">${down} down</span>` : ''}</h1>
      ${projectActions(ctx, view, list)}
    </div>
    ${filterForm(view, filters, list)} ${tagFilter(view, filters, list)}
    <div class="checks-live" data-checks-refresh="${list}status/${filterQuery(filters)}">
      ${checkListRows(view, config, ctx.prefix, filters)}
    </div>
    <script src="${ctx.prefix}/static/checks.js" defer></script>`;
  return page(ctx, { title: down > 0 ? `${down} down – Checks` : 'Checks', body, project, section: 'checks' });
}
