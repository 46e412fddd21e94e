import { formField } from './form-field.js';
import { projectFor } from '../accounts/project-access.js';
import { addProject } from '../accounts/project-lifecycle.js';
import { projectOverview } from '../accounts/project-overview.js';
import { teamOf } from '../accounts/team-members.js';
import { projectInviteRoutes } from './project-invite-routes.js';
import { projectOverviewPage } from './project-overview-page.js';

import { projectTeamPage } from './project-team-page.js';
import { projectTeamRoutes } from './project-team-routes.js';
import { flash, pageContext, requireUser } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

/** Projects and teams (spec §12, §1.3): the overview, new projects, the team page and its forms. */
export const projectRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  app.get('/projects/', async (request, reply) => {
    const user = requireUser(request);
    const cards = await projectOverview(deps, user);
    return kit.send(reply, projectOverviewPage(pageContext(deps, request, reply, prefix), cards));
  });

  app.post('/projects/add/', async (request, reply) => {
    const user = requireUser(request);
    const code = await addProject(deps, user, formField(request.body, 'name'));
    flash(reply, prefix, 'The project is ready: add its first check.');
    return reply.redirect(`${prefix}/projects/${code}/checks/`, 303);
  });

  app.get<{ Params: { code: string } }>('/projects/:code/team/', async (request, reply) => {
    const user = requireUser(request);
    const project = await projectFor(deps, user, request.params.code);
    const team = await teamOf(deps, project);
    return kit.send(reply, projectTeamPage(pageContext(deps, request, reply, prefix), project, team, user.id));
  });

  projectTeamRoutes(app, kit);
  projectInviteRoutes(app, kit);
};
