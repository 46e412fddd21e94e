import { html, type Html } from './html.js';
import type { PageContext } from './page-context.js';

/** Each page area keeps its styles in its own file. */
const AREA_STYLES = ['accounts', 'projects', 'checks', 'integrations', 'settings', 'docs', 'cloud'];

export interface PageOptions {
  title: string;
  body: Html;
  /** The project whose pages these are: shows its navigation. */
  project?: { code: string; name: string };
  /** Marks the current item of the project navigation. */
  section?: 'checks' | 'cloud' | 'integrations' | 'settings' | 'badges' | 'team';
}

/** The page shell every dashboard page shares: branding, navigation, theme, flash message. */
export function page(ctx: PageContext, options: PageOptions): Html {
  const { siteName, prefix, user, flash } = ctx;
  const project = options.project;
  const navItem = (section: NonNullable<PageOptions['section']>, href: string, label: string) =>
    html`<a href="${href}" ${options.section === section ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
    <html lang="en" data-theme="${user?.theme ?? ''}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} – ${siteName}</title>
        <link rel="stylesheet" href="${prefix}/static/watchpost.css" />
        ${AREA_STYLES.map((name) => html`<link rel="stylesheet" href="${prefix}/static/${name}.css" />`)}
        <script src="${prefix}/static/watchpost.js" defer></script>
      </head>
      <body>
        <header class="topbar">
          <a class="brand" href="${prefix}/">${siteName}</a>
          ${
            project
              ? html`<nav class="project-nav" aria-label="Project">
                  <a class="project-name" href="${prefix}/projects/${project.code}/checks/">${project.name}</a>
                  ${navItem('checks', `${prefix}/projects/${project.code}/checks/`, 'Checks')}
                  ${navItem('cloud', `${prefix}/projects/${project.code}/cloud/`, 'Cloud')}
                  ${navItem('integrations', `${prefix}/projects/${project.code}/integrations/`, 'Integrations')}
                  ${navItem('badges', `${prefix}/projects/${project.code}/badges/`, 'Badges')}
                  ${navItem('team', `${prefix}/projects/${project.code}/team/`, 'Team')}
                  ${navItem('settings', `${prefix}/projects/${project.code}/settings/`, 'Settings')}
                </nav>`
              : ''
          }
          <nav class="account-nav" aria-label="Account">
            <a href="${prefix}/docs/">Docs</a>
            ${
              user
                ? html`<a href="${prefix}/projects/">Projects</a>
                    <a href="${prefix}/accounts/profile/">${user.email}</a>
                    <form method="post" action="${prefix}/accounts/logout/" class="inline">
                      <input type="hidden" name="_csrf" value="${ctx.csrf}" />
                      <button type="submit" class="link">Log out</button>
                    </form>`
                : html`<a href="${prefix}/accounts/login/">Log in</a>`
            }
            <button type="button" class="link" data-theme-toggle aria-label="Switch between light and dark theme">◐</button>
          </nav>
        </header>
        <main id="main">${flash ? html`<p class="flash" role="status">${flash}</p>` : ''} ${options.body}</main>
      </body>
    </html>`;
}
