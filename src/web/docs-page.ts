import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { PageContext } from './page-context.js';
import { codeBlock, docLink, type DocsContext, type DocsPage } from './docs-context.js';
import { DOCS_SECTIONS } from './docs-pages.js';

function sidebar(d: DocsContext, current: string): Html {
  const link = (slug: string, title: string) =>
    html`<li><a href="${d.prefix}/docs/${slug ? `${slug}/` : ''}"${slug === current ? html` aria-current="page"` : ''}>${title}</a></li>`;
  return html`<nav class="docs-nav" aria-label="Documentation">
    <ul>
      ${link('', 'Introduction')}
    </ul>
    ${DOCS_SECTIONS.map(
      (s) => html`<p class="docs-nav-title">${s.title}</p>
        <ul>
          ${s.pages.map((p) => link(p.slug, p.title))}
        </ul>`,
    )}
  </nav>`;
}

/** A docs page: the sidebar and the article. Public: no login needed. */
export function docsPage(ctx: PageContext, d: DocsContext, slug: string, title: string, article: Html): Html {
  const body = html`<div class="docs">
    ${sidebar(d, slug)}
    <article class="docs-article">
      <h1>${title}</h1>
      ${article}
    </article>
  </div>`;
  return page(ctx, { title: slug ? `${title} – Docs` : 'Docs', body });
}

/** `/docs/`: what the service does and where to read on. */
export function docsIndex(d: DocsContext): Html {
  return html`<p>
      ${d.siteName} watches your cron jobs, scheduled tasks and background workers. Each job gets a check with a unique ping
      URL; the job requests that URL whenever it runs. When a ping does not arrive on time, or the job reports a failure,
      ${d.siteName} alerts you by email, chat, webhook and other integrations.
    </p>
    <p>A check's ping URL looks like this:</p>
    ${codeBlock(d.pingUrl)}
    <p>For example, at the end of a crontab line:</p>
    ${codeBlock(`0 * * * * /home/user/job.sh && curl -fsS -m 10 --retry 5 -o /dev/null ${d.pingUrl}`)}
    <h2>How it works</h2>
    <ol>
      <li>Create a check and give it the job's schedule: a period (every hour), a cron expression or an OnCalendar expression, and a grace time.</li>
      <li>Make the job ping the check's URL when it finishes, and optionally when it starts (<code>/start</code>) or fails (<code>/fail</code>, or its exit status).</li>
      <li>A check that is not pinged on time turns <em>late</em>, then after the grace time <em>down</em>, and the project's integrations are notified. The next ping turns it up again.</li>
    </ol>
    ${DOCS_SECTIONS.map(
      (s) => html`<h2>${s.title}</h2>
        <ul class="docs-index">
          ${s.pages.map((p) => html`<li>${docLink(d, p.slug, p.title)}: ${p.summary}</li>`)}
        </ul>`,
    )}`;
}

export function docsArticle(ctx: PageContext, d: DocsContext, p: DocsPage): Html {
  return docsPage(ctx, d, p.slug, p.title, p.body(d));
}
