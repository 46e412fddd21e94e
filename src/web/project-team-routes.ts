import { formField } from './form-field.js';
import type { FastifyRequest } from 'fastify';
import { projectFor, requireManager, requireWrite } from '../accounts/project-access.js';
import { deleteProject, renameProject, requireOwner, transferProject } from '../accounts/project-lifecycle.js';
import { inviteMember } from '../accounts/team-invite.js';
import { changeMemberRole, leaveProject, parseRole, removeMember } from '../accounts/team-members.js';
import { html } from './html.js';
import { page } from './layout.js';
import { flash, pageContext, requireUser } from './page-context.js';
import { formUserId } from './project-parts.js';
import type { WebRoutes } from './web-plugin.js';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;

/**
 * The team page's forms. Each handler checks access before it reads the form, so a read-only
 * member always gets 403 and an outsider 404, whatever they post.
 */
export const projectTeamRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;
  const access = async (request: CodeRequest) => {
    const user = requireUser(request);
    return { user, project: await projectFor(deps, user, request.params.code) };
  };
  const teamUrl = (code: string) => `${prefix}/projects/${code}/team/`;

  app.post<{ Params: { code: string } }>('/projects/:code/team/invite/', async (request, reply) => {
    const { user, project } = await access(request);
    requireManager(project);
    const role = parseRole(formField(request.body, 'role'));
    const email = formField(request.body, 'email');
    const result = await inviteMember(deps, kit.senders.mailer, user, project, { email, role });
    if (result.kind === 'rate_limited') {
      const ctx = pageContext(deps, request, reply, prefix);
      const body = html`<h1>Too many invitations</h1>
        <p>You have sent many invitations today. Please try again tomorrow.</p>
        <p><a href="${teamUrl(project.code)}">Back to the team</a></p>`;
      return kit.send(reply, page(ctx, { title: 'Too many invitations', body }), 429);
    }
    if (result.kind === 'already_member') flash(reply, prefix, `${result.email} is already on the team.`);
    else if (result.emailed) flash(reply, prefix, `Invited ${result.email}: we emailed them a link to join.`);
    else {
      request.log.warn({ error: result.error }, 'invitation email failed');
      flash(reply, prefix, `Added ${result.email} to the team, but the invitation email could not be sent.`);
    }
    return reply.redirect(teamUrl(project.code), 303);
  });

  app.post<{ Params: { code: string } }>('/projects/:code/team/role/', async (request, reply) => {
    const { project } = await access(request);
    requireManager(project);
    await changeMemberRole(deps, project, formUserId(request.body), parseRole(formField(request.body, 'role')));
    flash(reply, prefix, 'The role was changed.');
    return reply.redirect(teamUrl(project.code), 303);
  });

  app.post<{ Params: { code: string } }>('/projects/:code/team/remove/', async (request, reply) => {
    const { user, project } = await access(request);
    requireManager(project);
    const userId = formUserId(request.body);
    await removeMember(deps, project, userId);
    if (userId === user.id && !user.isSuperuser) {
      flash(reply, prefix, 'You left the project.');
      return reply.redirect(`${prefix}/projects/`, 303);
    }
    flash(reply, prefix, 'The member was removed.');
    return reply.redirect(teamUrl(project.code), 303);
  });

  app.post<{ Params: { code: string } }>('/projects/:code/team/leave/', async (request, reply) => {
    const { user, project } = await access(request);
    await leaveProject(deps, project, user.id);
    flash(reply, prefix, `You left ${project.name || project.ownerEmail}.`);
    return reply.redirect(`${prefix}/projects/`, 303);
  });

  app.post<{ Params: { code: string } }>('/projects/:code/rename/', async (request, reply) => {
    const { project } = await access(request);
    requireWrite(project);
    await renameProject(deps, project, formField(request.body, 'name'));
    flash(reply, prefix, 'The project was renamed.');
    return reply.redirect(teamUrl(project.code), 303);
  });

  app.post<{ Params: { code: string } }>('/projects/:code/transfer/', async (request, reply) => {
    const { project } = await access(request);
    requireOwner(project);
    await transferProject(deps, project, formUserId(request.body));
    flash(reply, prefix, 'The project has a new owner.');
    return reply.redirect(teamUrl(project.code), 303);
  });

  app.post<{ Params: { code: string } }>('/projects/:code/remove/', async (request, reply) => {
    const { project } = await access(request);
    requireOwner(project);
    await deleteProject(deps, project, formField(request.body, 'confirm_name'));
    flash(reply, prefix, `The project ${project.name || project.ownerEmail} was deleted.`);
    return reply.redirect(`${prefix}/projects/`, 303);
  });
};
