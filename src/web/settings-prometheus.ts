import { html, type Html } from './html.js';
import type { PageContext } from './page-context.js';
import type { SettingsView } from './settings-page.js';

const PLACEHOLDER = '<read-only key>';

/** The scrape URL of spec §11.1 and a prometheus.yml job using the Bearer form. */
export function prometheusUrls(siteRoot: string, projectCode: string, readOnlyKey: string | null) {
  const key = readOnlyKey ?? PLACEHOLDER;
  const root = new URL(siteRoot);
  const path = `${root.pathname.replace(/\/+$/, '')}/projects/${projectCode}/metrics/`;
  return {
    url: `${siteRoot}/projects/${projectCode}/metrics/${key}`,
    scrapeConfig: [
      'scrape_configs:',
      '  - job_name: watchpost',
      `    scheme: ${root.protocol.replace(':', '')}`,
      `    metrics_path: ${path}`,
      '    authorization:',
      `      credentials: ${key}`,
      '    static_configs:',
      `      - targets: ['${root.host}']`,
    ].join('\n'),
  };
}

/**
 * Spec §11.1. The read-only key is stored hashed, so the URL carries it only on the page that
 * has just created it; otherwise the reader fills in the key they saved.
 */
export function prometheusSection(ctx: PageContext, view: SettingsView): Html {
  const heading = html`<h2 id="prometheus-title">Prometheus</h2>`;
  if (!view.prometheusEnabled) {
    return html`<section aria-labelledby="prometheus-title">
      ${heading}
      <p>The Prometheus endpoint is turned off on this server (<code>PROMETHEUS_ENABLED</code>).</p>
    </section>`;
  }
  const fresh = view.created?.kind === 'read-only' ? view.created.key : null;
  const { url, scrapeConfig } = prometheusUrls(ctx.siteRoot, view.project.code, fresh);
  return html`<section aria-labelledby="prometheus-title">
    ${heading}
    <p>
      Prometheus can scrape the status of every check of this project (<code>hc_check_up</code>,
      <code>hc_check_started</code>, <code>hc_tag_up</code>, …) with the read-only API key.
      ${fresh ? '' : html`Put your read-only key in place of <code>${PLACEHOLDER}</code>.`}
    </p>
    <p class="prometheus-url">
      <code id="prometheus-url">${url}</code>
      ${fresh ? html`<button type="button" data-copy="${url}">Copy</button>` : ''}
    </p>
    <details>
      <summary>A <code>prometheus.yml</code> job for it</summary>
      <pre><code>${scrapeConfig}</code></pre>
    </details>
  </section>`;
}
