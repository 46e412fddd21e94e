import type { AccessibleProject } from '../accounts/project-access.js';
import type { ApiKeySummary, ProjectKeyKind, ProjectKeys } from '../accounts/project-keys.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';
import { prometheusSection } from './settings-prometheus.js';
import { utcTime } from './settings-time.js';

export interface SettingsView {
  project: AccessibleProject;
  keys: ProjectKeys;
  canWrite: boolean;
  pingEndpoint: string;
  prometheusEnabled: boolean;
  /** A key created by this very request: the one time it is shown. */
  created?: { kind: ProjectKeyKind; key: string };
}

const LABEL: Record<ProjectKeyKind, string> = { 'read-write': 'read-write key', 'read-only': 'read-only key', ping: 'ping key' };

export const projectTitle = (project: Pick<AccessibleProject, 'name' | 'ownerEmail'>): string =>
  project.name || project.ownerEmail;

function keyForm(ctx: PageContext, view: SettingsView, kind: ProjectKeyKind, action: 'create' | 'revoke', exists: boolean) {
  const label = LABEL[kind];
  const text = action === 'revoke' ? `Revoke ${label}` : exists ? `Regenerate ${label}` : `Create ${label}`;
  const confirm =
    action === 'revoke'
      ? `Revoke the ${label}? Whatever uses it stops working at once.`
      : exists
        ? `Replace the ${label}? The current one stops working at once.`
        : '';
  return html`<form
    method="post"
    action="${ctx.prefix}/projects/${view.project.code}/settings/keys/${kind}/${action}/"
    class="inline"
    ${confirm ? html`data-confirm="${confirm}"` : ''}
  >
    ${csrfField(ctx)}
    <button type="submit" class="${action === 'revoke' ? 'danger' : exists ? '' : 'primary'}">${text}</button>
  </form>`;
}

function apiKeyCard(ctx: PageContext, view: SettingsView, kind: 'read-write' | 'read-only', key: ApiKeySummary | null) {
  const about =
    kind === 'read-write'
      ? 'Full access to the Management API: create, change, pause and delete checks, read pings.'
      : 'Reads checks, flips and badges without UUIDs or ping URLs; also the key of the Prometheus endpoint.';
  return html`<article class="card key-card" aria-labelledby="key-${kind}">
    <h3 id="key-${kind}">${kind === 'read-write' ? 'Read-write API key' : 'Read-only API key'}</h3>
    <p class="hint">${about}</p>
    ${
      key
        ? html`<p><code class="masked-key">${key.masked}</code></p>
            <p class="hint">Created ${utcTime(key.createdAt)}</p>`
        : html`<p>No ${LABEL[kind]} yet.</p>`
    }
    ${view.canWrite ? html`<p class="key-actions">${keyForm(ctx, view, kind, 'create', key !== null)} ${key ? keyForm(ctx, view, kind, 'revoke', true) : ''}</p>` : ''}
  </article>`;
}

function pingKeyCard(ctx: PageContext, view: SettingsView) {
  const pingKey = view.keys.pingKey;
  return html`<article class="card key-card" aria-labelledby="key-ping">
    <h3 id="key-ping">Ping key</h3>
    <p class="hint">Pings checks by slug instead of UUID: <code>${view.pingEndpoint}&lt;ping key&gt;/&lt;slug&gt;</code></p>
    ${
      pingKey
        ? html`<p><code class="masked-key">${pingKey.slice(0, 4)}${'*'.repeat(18)}</code></p>
            ${
              view.canWrite
                ? html`<details class="reveal">
                    <summary>Show the ping key</summary>
                    <p><code>${pingKey}</code></p>
                    <p class="hint">For example: <code>${view.pingEndpoint}${pingKey}/backups</code></p>
                  </details>`
                : ''
            }`
        : html`<p>No ping key yet: checks can only be pinged by UUID.</p>`
    }
    ${view.canWrite ? html`<p class="key-actions">${keyForm(ctx, view, 'ping', 'create', pingKey !== null)} ${pingKey ? keyForm(ctx, view, 'ping', 'revoke', true) : ''}</p>` : ''}
  </article>`;
}

/** The new key, shown this once with what it is for. */
function createdBanner(ctx: PageContext, view: SettingsView, created: NonNullable<SettingsView['created']>): Html {
  const { kind, key } = created;
  const example =
    kind === 'ping'
      ? html`<p>Ping a check with slug <code>backups</code>:</p>
          <pre><code>curl -fsS -m 10 --retry 5 ${view.pingEndpoint}${key}/backups</code></pre>`
      : html`<p>Try it:</p>
          <pre><code>curl --header "X-Api-Key: ${key}" ${ctx.siteRoot}/api/v3/checks/</code></pre>`;
  return html`<section class="new-key" aria-labelledby="new-key-title" role="status">
    <h2 id="new-key-title">Your new ${LABEL[kind]}</h2>
    <p>
      ${
        kind === 'ping'
          ? 'The previous ping key, if any, no longer works.'
          : 'Copy it now: it is stored hashed and will not be shown again.'
      }
    </p>
    <p class="new-key-value">
      <code id="new-key" data-key-kind="${kind}">${key}</code>
      <button type="button" data-copy="${key}">Copy</button>
    </p>
    ${example}
  </section>`;
}

/** `/projects/<code>/settings/` (spec §5.4): the project's keys and where its other settings live. */
export function settingsPage(ctx: PageContext, view: SettingsView): Html {
  const { project, keys } = view;
  const name = projectTitle(project);
  const body = html`<div class="settings">
    <h1>Settings</h1>
    ${view.created ? createdBanner(ctx, view, view.created) : ''}
    ${
      view.canWrite
        ? ''
        : html`<p class="hint">You have read-only access to this project: you can see which keys exist, not create or revoke them.</p>`
    }
    <section aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p>
        Programs and scripts use these keys with the <a href="${ctx.prefix}/docs/api/">Management API</a>, sent in the
        <code>X-Api-Key</code> header. Keys are stored hashed: a new key is shown only once, right after you create it.
      </p>
      <div class="cards key-cards">
        ${apiKeyCard(ctx, view, 'read-write', keys.readWrite)} ${apiKeyCard(ctx, view, 'read-only', keys.readOnly)}
        ${pingKeyCard(ctx, view)}
      </div>
    </section>
    ${prometheusSection(ctx, view)}
    <section aria-labelledby="more-title">
      <h2 id="more-title">More</h2>
      <ul class="settings-links">
        <li>
          The project's name, its members, a transfer of ownership or its deletion: the
          <a href="${ctx.prefix}/projects/${project.code}/team/">Team</a> page.
        </li>
        <li><a href="${ctx.prefix}/projects/${project.code}/badges/">Status badges</a> for READMEs and status pages.</li>
        <li><a href="${ctx.prefix}/projects/${project.code}/tv/">TV dashboard</a>: every check of the project on one screen.</li>
        <li>Email reports and reminders are set per person on <a href="${ctx.prefix}/accounts/profile/">your profile</a>.</li>
        <li><a href="${ctx.prefix}/docs/">Documentation</a>: how to ping, the protocol and the API.</li>
      </ul>
    </section>
  </div>`;
  return page(ctx, { title: `Settings – ${name}`, body, project: { code: project.code, name }, section: 'settings' });
}
