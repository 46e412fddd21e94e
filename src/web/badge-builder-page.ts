import type { AccessibleProject } from '../accounts/project-access.js';
import type { BadgeUrls } from '../checks/list-badge-urls.js';
import type { BadgeFormat } from '../domain/badge-render.js';
import { ALL_CHECKS_TAG, type BadgeStates } from '../domain/badge-status.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { PageContext } from './page-context.js';
import { projectTitle } from './settings-page.js';

export interface BadgeBuilderView {
  project: AccessibleProject;
  /** GET /api/v3/badges/'s answer: every tag, then `*`. */
  badges: Record<string, BadgeUrls>;
  tag: string;
  format: BadgeFormat;
  states: BadgeStates;
}

/** The API's key for a format and a number of states: `svg`, `svg3`, `json3`, … */
export const badgeUrlKey = (format: BadgeFormat, states: BadgeStates): keyof BadgeUrls => (states === 3 ? `${format}3` : format);

/** Spec §6.5: a shields badge is shown as the shields.io endpoint reading our JSON. */
export function displayedBadgeUrl(urls: BadgeUrls, format: BadgeFormat, states: BadgeStates): string {
  const url = urls[badgeUrlKey(format, states)];
  return format === 'shields' ? `https://img.shields.io/endpoint?url=${encodeURIComponent(url)}` : url;
}

const tagLabel = (tag: string) => (tag === ALL_CHECKS_TAG ? 'All checks' : `Checks tagged “${tag}”`);

const FORMATS: Array<[BadgeFormat, string, string]> = [
  ['svg', 'SVG image', 'an image for READMEs and web pages'],
  ['json', 'JSON', '{"status": "up", "total": …} for your own scripts'],
  ['shields', 'Shields.io', 'a shields.io endpoint badge in their styles'],
];

function radio(name: string, value: string, checked: boolean, label: string, hint: string) {
  const id = `badge-${name}-${value}`;
  return html`<div class="choice">
    <input type="radio" id="${id}" name="${name}" value="${value}" ${checked ? html`checked` : ''} />
    <label for="${id}">${label}</label> <span class="hint">${hint}</span>
  </div>`;
}

function builderForm(ctx: PageContext, view: BadgeBuilderView): Html {
  // Every option carries its six URLs, so the page script can switch without a round trip.
  const options = Object.entries(view.badges).map(
    ([tag, urls]) =>
      html`<option
        value="${tag}"
        ${tag === view.tag ? html`selected` : ''}
        data-svg="${urls.svg}"
        data-svg3="${urls.svg3}"
        data-json="${urls.json}"
        data-json3="${urls.json3}"
        data-shields="${urls.shields}"
        data-shields3="${urls.shields3}"
      >
        ${tagLabel(tag)}
      </option>`,
  );
  return html`<form method="get" action="${ctx.prefix}/projects/${view.project.code}/badges/" class="badge-form" data-badge-builder>
    <label for="badge-tag">Which checks</label>
    <select id="badge-tag" name="tag">
      ${options}
    </select>
    <fieldset>
      <legend>Format</legend>
      ${FORMATS.map(([value, label, hint]) => radio('fmt', value, view.format === value, label, hint))}
    </fieldset>
    <fieldset>
      <legend>States</legend>
      ${radio('states', '2', view.states === 2, 'Two states', 'up or down: a late check still shows “up”')}
      ${radio('states', '3', view.states === 3, 'Three states', 'up, late or down')}
    </fieldset>
    <p><button type="submit" class="primary" data-badge-submit>Show this badge</button></p>
  </form>`;
}

function result(view: BadgeBuilderView): Html {
  const urls = view.badges[view.tag]!;
  const url = displayedBadgeUrl(urls, view.format, view.states);
  const preview = urls[badgeUrlKey('svg', view.states)];
  const label = tagLabel(view.tag);
  // JSON is no image: the Markdown embeds the SVG of the same checks instead.
  const image = view.format === 'json' ? preview : url;
  return html`<section class="badge-result" aria-labelledby="badge-url-title" aria-live="polite">
    <h2 id="badge-url-title">Badge URL</h2>
    <p class="badge-url">
      <code id="badge-url">${url}</code>
      <button type="button" data-copy="${url}" data-badge-copy>Copy</button>
    </p>
    <h3>Preview</h3>
    <p><img id="badge-preview" src="${preview}" alt="Status badge of ${label.toLowerCase()}" /></p>
    <p class="hint">The preview is the SVG badge; JSON and Shields.io badges show the same status.</p>
    <h3>Markdown</h3>
    <pre><code id="badge-markdown">![${label}](${image})</code></pre>
  </section>`;
}

/** `/projects/<code>/badges/` (spec §6.5): choose checks, format and states, get the URL. */
export function badgeBuilderPage(ctx: PageContext, view: BadgeBuilderView): Html {
  const name = projectTitle(view.project);
  const tagCount = Object.keys(view.badges).length - 1;
  const body = html`<h1>Status badges</h1>
    <p>
      Badges show whether this project's checks are up, for a README, a wiki or a status page. Their URLs hold a
      signature instead of a key, so they are safe to publish; they show status only, never names.
      ${tagCount === 0 ? 'Tag your checks to get a badge per tag.' : ''}
    </p>
    <div class="badge-builder">${builderForm(ctx, view)} ${result(view)}</div>
    <script src="${ctx.prefix}/static/settings.js" defer></script>`;
  return page(ctx, {
    title: `Badges – ${name}`,
    body,
    project: { code: view.project.code, name },
    section: 'badges',
  });
}
