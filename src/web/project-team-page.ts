import { canWrite, type AccessibleProject } from '../accounts/project-access.js';
import { PROJECT_NAME_MAX } from '../accounts/project-lifecycle.js';
import { MEMBER_ROLES, ROLE_LABELS, type MemberRole, type Team, type TeamMember } from '../accounts/team-members.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';
import { utcTime } from './project-parts.js';

interface TeamView {
  ctx: PageContext;
  project: AccessibleProject;
  team: Team;
  viewerId: number;
  /** `/prefix/projects/<code>` */
  base: string;
}

const roleOptions = (selected: MemberRole) =>
  MEMBER_ROLES.map((r) => html`<option value="${r}" ${r === selected ? html`selected` : ''}>${ROLE_LABELS[r]}</option>`);

const you = (v: TeamView, userId: number) => (userId === v.viewerId ? html` <span class="hint">(you)</span>` : '');

function memberRow(v: TeamView, m: TeamMember): Html {
  const manager = v.project.role === 'owner' || v.project.role === 'm';
  const role = manager
    ? html`<form method="post" action="${v.base}/team/role/" class="team-role">
        ${csrfField(v.ctx)}
        <input type="hidden" name="user" value="${m.userId}" />
        <label for="role-${m.userId}" class="visually-hidden">Role of ${m.email}</label>
        <select id="role-${m.userId}" name="role">
          ${roleOptions(m.role)}
        </select>
        <button type="submit">Change</button>
      </form>`
    : ROLE_LABELS[m.role];
  const remove = manager
    ? html`<form method="post" action="${v.base}/team/remove/" data-confirm="Remove ${m.email} from this project?">
        ${csrfField(v.ctx)}
        <input type="hidden" name="user" value="${m.userId}" />
        <button type="submit" class="danger" aria-label="Remove ${m.email}">Remove</button>
      </form>`
    : '';
  return html`<tr>
    <td>${m.email}${you(v, m.userId)}</td>
    <td>${role}</td>
    <td class="hide-narrow">${utcTime(m.createdAt)}</td>
    <td>${remove}</td>
  </tr>`;
}

function membersTable(v: TeamView): Html {
  const { owner, members } = v.team;
  return html`<table class="team-table">
    <caption class="visually-hidden">Members of ${v.project.name || v.project.ownerEmail}</caption>
    <thead>
      <tr>
        <th scope="col">Email</th>
        <th scope="col">Role</th>
        <th scope="col" class="hide-narrow">Member since</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>${owner.email}${you(v, owner.userId)}</td>
        <td>Owner</td>
        <td class="hide-narrow"></td>
        <td></td>
      </tr>
      ${members.map((m) => memberRow(v, m))}
    </tbody>
  </table>`;
}

function inviteForm(v: TeamView): Html {
  return html`<section aria-labelledby="invite-heading">
    <h2 id="invite-heading">Invite a teammate</h2>
    <form method="post" action="${v.base}/team/invite/" class="team-invite">
      ${csrfField(v.ctx)}
      <label for="invite-email">Email address</label>
      <input type="email" id="invite-email" name="email" required maxlength="254" autocomplete="off" />
      <label for="invite-role">Role</label>
      <select id="invite-role" name="role">
        ${roleOptions('w')}
      </select>
      <p class="hint">
        Read-only members can look but not change anything; members can change checks and integrations; managers can
        also invite and remove members. The invitation link works once, for 7 days.
      </p>
      <button type="submit" class="primary">Send invitation</button>
    </form>
  </section>`;
}

function projectForms(v: TeamView): Html {
  const { ctx, project, base, team } = v;
  const shownName = project.name || project.ownerEmail;
  const isMember = team.members.some((m) => m.userId === v.viewerId);
  const rename = canWrite(project.role)
    ? html`<form method="post" action="${base}/rename/" class="project-rename">
        ${csrfField(ctx)}
        <label for="project-name">Project name</label>
        <input type="text" id="project-name" name="name" value="${project.name}" required maxlength="${PROJECT_NAME_MAX}" />
        <button type="submit">Rename</button>
      </form>`
    : '';
  const transfer =
    project.role === 'owner' && team.members.length > 0
      ? html`<form method="post" action="${base}/transfer/" class="project-transfer" data-confirm="Transfer this project?">
          ${csrfField(ctx)}
          <label for="transfer-to">Transfer ownership to</label>
          <select id="transfer-to" name="user">
            ${team.members.map((m) => html`<option value="${m.userId}">${m.email}</option>`)}
          </select>
          <p class="hint">The new owner gets full control; you stay on as a manager.</p>
          <button type="submit">Transfer</button>
        </form>`
      : '';
  const leave = isMember
    ? html`<form method="post" action="${base}/team/leave/" data-confirm="Leave this project?">
        ${csrfField(ctx)}
        <p>You will lose access to this project until someone invites you again.</p>
        <button type="submit" class="danger">Leave project</button>
      </form>`
    : '';
  const remove =
    project.role === 'owner'
      ? html`<form method="post" action="${base}/remove/" class="project-remove">
          ${csrfField(ctx)}
          <label for="confirm-name">To delete the project with all its checks and integrations, type “${shownName}”</label>
          <input type="text" id="confirm-name" name="confirm_name" required autocomplete="off" />
          <button type="submit" class="danger">Delete project</button>
        </form>`
      : '';
  if (!rename && !transfer && !leave && !remove) return html``;
  return html`<section aria-labelledby="project-heading">
    <h2 id="project-heading">Project</h2>
    ${rename} ${transfer}
    ${leave || remove ? html`<h3>Danger zone</h3>${leave}${remove}` : ''}
  </section>`;
}

/** `/projects/<code>/team/`: the owner and members with their roles, and what the viewer may do. */
export function projectTeamPage(ctx: PageContext, project: AccessibleProject, team: Team, viewerId: number): Html {
  const v: TeamView = { ctx, project, team, viewerId, base: `${ctx.prefix}/projects/${project.code}` };
  const manager = project.role === 'owner' || project.role === 'm';
  const body = html`<h1>Team</h1>
    ${project.role === 'r' ? html`<p class="hint">You have read-only access to this project.</p>` : ''} ${membersTable(v)}
    ${manager ? inviteForm(v) : ''} ${projectForms(v)}`;
  return page(ctx, {
    title: `Team – ${project.name || project.ownerEmail}`,
    body,
    project: { code: project.code, name: project.name || project.ownerEmail },
    section: 'team',
  });
}
