import type { Config } from '../config.js';
import { apiEndpoints, type ApiEndpoint } from './docs-api-endpoints.js';
import { html, type Html } from './html.js';

/** What the docs pages fill in: this server's own addresses, never healthchecks.io's. */
export interface DocsContext {
  siteName: string;
  siteRoot: string;
  prefix: string;
  pingEndpoint: string;
  /** An example check's ping URL: PING_ENDPOINT + a placeholder UUID. */
  pingUrl: string;
  pingEmailDomain: string;
  pingBodyLimitBytes: number | null;
  /** This server listens for email pings (SMTPD_PORT is set). */
  emailPingsEnabled: boolean;
  prometheusEnabled: boolean;
  /** The Management API's operations, from its OpenAPI document. */
  apiEndpoints: ApiEndpoint[];
}

export const EXAMPLE_UUID = 'your-uuid-here';

export function docsContext(
  config: Pick<
    Config,
    'siteName' | 'siteRoot' | 'pingEndpoint' | 'pingEmailDomain' | 'pingBodyLimitBytes' | 'smtpdPort' | 'prometheusEnabled'
  >,
  prefix: string,
): DocsContext {
  return {
    siteName: config.siteName,
    siteRoot: config.siteRoot,
    prefix,
    pingEndpoint: config.pingEndpoint,
    pingUrl: `${config.pingEndpoint}${EXAMPLE_UUID}`,
    pingEmailDomain: config.pingEmailDomain,
    pingBodyLimitBytes: config.pingBodyLimitBytes,
    emailPingsEnabled: config.smtpdPort !== null,
    prometheusEnabled: config.prometheusEnabled,
    apiEndpoints: apiEndpoints(config.siteRoot),
  };
}

/** A code sample with a copy button (the button only helps; the text is selectable anyway). */
export function codeBlock(code: string, label = 'Copy'): Html {
  return html`<div class="code-block">
    <pre><code>${code}</code></pre>
    <button type="button" class="copy" data-copy="${code}">${label}</button>
  </div>`;
}

/** A link to another docs page. */
export const docLink = (d: DocsContext, slug: string, text: string): Html =>
  html`<a href="${d.prefix}/docs/${slug ? `${slug}/` : ''}">${text}</a>`;

/** One page under /docs/<slug>/. */
export interface DocsPage {
  slug: string;
  title: string;
  /** One line for the index and the page's meta description. */
  summary: string;
  body(d: DocsContext): Html;
}
