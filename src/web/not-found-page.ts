import { html } from './html.js';

/** The 404 of paths outside every route (no session is read there). */
export function notFoundHtml(siteName: string, prefix: string): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Not found – ${siteName}</title>
        <link rel="stylesheet" href="${prefix}/static/watchpost.css" />
      </head>
      <body>
        <main>
          <h1>Not found</h1>
          <p>There is no such page. <a href="${prefix}/">Go to ${siteName}</a>.</p>
        </main>
      </body>
    </html>`.value;
}
