import { PROJECT_NAME_MAX } from '../accounts/project-lifecycle.js';
import type { ProjectCard } from '../accounts/project-overview.js';
import { ROLE_LABELS } from '../accounts/team-members.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function statusText(card: ProjectCard): string {
  if (card.checks === 0) return 'No checks yet';
  if (card.status === 'down') return `${card.down} of ${plural(card.checks, 'check')} down`;
  if (card.status === 'grace') return `${card.grace} of ${plural(card.checks, 'check')} late`;
  return card.checks === 1 ? 'The check is up' : `All ${card.checks} checks up`;
}

function projectCard(ctx: PageContext, card: ProjectCard): Html {
  const base = `${ctx.prefix}/projects/${card.code}`;
  const label = card.checks === 0 ? 'no checks' : card.status === 'grace' ? 'late' : card.status;
  return html`<li class="card project-card project-${card.status}" data-project="${card.code}">
    <h2>
      <span class="status ${card.checks === 0 ? 'new' : card.status}${card.running > 0 ? ' started' : ''}"></span>
      <span class="visually-hidden">(${label})</span>
      <a href="${base}/checks/">${card.displayName}</a>
    </h2>
    <p class="project-status">${statusText(card)}${card.running > 0 ? html` · ${card.running} running` : ''}</p>
    <dl class="project-facts">
      <dt>Your role</dt>
      <dd>${ROLE_LABELS[card.role]}</dd>
      ${card.role === 'owner' ? '' : html`<dt>Owner</dt><dd>${card.ownerEmail}</dd>`}
      <dt>Integrations</dt>
      <dd>${card.channels}</dd>
    </dl>
    <p class="project-links">
      <a href="${base}/checks/">Checks</a>
      <a href="${base}/team/">Team</a>
      <a href="${base}/settings/">Settings</a>
    </p>
  </li>`;
}

/** `/projects/`: every project of the user with its overall status, and the new-project form. */
export function projectOverviewPage(ctx: PageContext, cards: readonly ProjectCard[]): Html {
  const body = html`<h1>Projects</h1>
    ${
      cards.length === 0
        ? html`<p>You have no projects yet. Create one below, or ask a teammate to invite you to theirs.</p>`
        : html`<ul class="cards project-cards">
            ${cards.map((card) => projectCard(ctx, card))}
          </ul>`
    }
    <section class="new-project" aria-labelledby="new-project-heading">
      <h2 id="new-project-heading">New project</h2>
      <form method="post" action="${ctx.prefix}/projects/add/">
        ${csrfField(ctx)}
        <label for="new-project-name">Project name</label>
        <input type="text" id="new-project-name" name="name" required maxlength="${PROJECT_NAME_MAX}" autocomplete="off" />
        <p class="hint">Up to ${PROJECT_NAME_MAX} characters. You will be its owner.</p>
        <button type="submit" class="primary">Create project</button>
      </form>
    </section>`;
  return page(ctx, { title: 'Projects', body });
}
