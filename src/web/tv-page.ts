import { html, type Html } from './html.js';
import type { PageContext } from './page-context.js';

/** Seconds between refreshes, as Healthchecks' TV dashboard polls. */
const REFRESH_MS = 5000;

/**
 * A page of its own rather than the dashboard shell: a wall screen needs no navigation, and it
 * is always dark so it neither glares in a dim room nor depends on the viewer's theme.
 */
export function tvPage(ctx: PageContext, project: { code: string; name: string }, grid: Html): Html {
  const base = `${ctx.prefix}/projects/${project.code}`;
  return html`<!doctype html>
    <html lang="en" data-theme="dark" class="tv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${project.name} – ${ctx.siteName} TV</title>
        <link rel="stylesheet" href="${ctx.prefix}/static/watchpost.css" />
        <link rel="stylesheet" href="${ctx.prefix}/static/settings.css" />
        <script src="${ctx.prefix}/static/watchpost.js" defer></script>
      </head>
      <body class="tv">
        <header class="tv-header">
          <h1>${project.name}</h1>
          <span class="tv-brand">${ctx.siteName}</span>
          <a href="${base}/checks/">Back to the checks</a>
        </header>
        <main class="tv-main">
          <div data-refresh-url="${base}/tv/grid/" data-refresh-ms="${REFRESH_MS}">${grid}</div>
        </main>
      </body>
    </html>`;
}
