import { html } from './html.js';
import { codeBlock, docLink, type DocsPage } from './docs-context.js';

export const apiPage: DocsPage = {
  slug: 'api',
  title: 'Management API',
  summary: 'Create, change, pause and list checks from scripts: endpoints, keys and the OpenAPI document.',
  body: (d) => html`<p>
      The Management API lets programs manage a project's checks and integrations. It is the Healthchecks.io API
      (versions 1, 2 and 3 are served, so existing clients, Terraform providers and scripts work unchanged): this page
      describes version 3.
    </p>
    <p>
      The machine-readable description is the OpenAPI document:
      <a href="${d.siteRoot}/api/v3/openapi.json"><code>${d.siteRoot}/api/v3/openapi.json</code></a>.
    </p>
    <h2>Authentication</h2>
    <p>
      Every request carries a project API key in the <code>X-Api-Key</code> header. Keys belong to one project; create them
      on the project's Settings page, where each key is shown once. A <strong>read-write</strong> key (<code>hcw_…</code>)
      can do everything; a <strong>read-only</strong> key (<code>hcr_…</code>) lists checks, flips and badges, with check
      UUIDs and ping URLs left out. POST requests may put the key in the JSON body as <code>api_key</code> instead.
    </p>
    ${codeBlock(`curl --header "X-Api-Key: your-api-key" ${d.siteRoot}/api/v3/checks/`)}
    <h2>Endpoints</h2>
    <table class="endpoints">
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">URL</th>
          <th scope="col">Does</th>
          <th scope="col">Key</th>
        </tr>
      </thead>
      <tbody>
        ${d.apiEndpoints.map(
          (e) => html`<tr>
            <td><code>${e.method}</code></td>
            <td><code>${e.url}</code></td>
            <td>${e.summary}</td>
            <td>${e.keys}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <h2>Create a check</h2>
    <p>POST bodies are JSON. Timeouts and grace times are in seconds; a <code>schedule</code> makes it a cron or OnCalendar check.</p>
    ${codeBlock(`curl ${d.siteRoot}/api/v3/checks/ \\
  --header "X-Api-Key: your-api-key" \\
  --data '{"name": "Backups", "slug": "backups", "tags": "prod db", "schedule": "30 6 * * *", "tz": "UTC", "grace": 3600}'`)}
    <p>
      The answer is the check, with its <code>ping_url</code>. Add <code>"unique": ["name"]</code> to update the check with
      that name instead of creating a second one: a script can run the same request every time.
    </p>
    <h2>Errors</h2>
    <dl class="options">
      <dt><code>400</code></dt>
      <dd>The body is not JSON, or a field is wrong: <code>{"error": "json validation error: …"}</code>.</dd>
      <dt><code>401</code></dt>
      <dd><code>{"error": "missing api key"}</code> or <code>{"error": "wrong api key"}</code> (a read-only key where a read-write one is needed).</dd>
      <dt><code>403</code></dt>
      <dd>The check belongs to another project, or the check limit is reached.</dd>
      <dt><code>404</code></dt>
      <dd>No such check.</dd>
    </dl>
    ${
      d.prometheusEnabled
        ? html`<h2>Prometheus</h2>
            <p>
              Each project also exports its checks' status for Prometheus at
              <code>${d.siteRoot}/projects/&lt;project&gt;/metrics/&lt;read-only key&gt;</code>; the project's Settings page
              shows the URL.
            </p>`
        : ''
    }
    <p>Pinging needs no key: see the ${docLink(d, 'http_api', 'Pinging API')}.</p>`,
};
