import type { WebRoutes } from './web-plugin.js';

/** `/`: the projects of a logged-in user, else the login page. */
export const homeRoutes: WebRoutes = (app, { prefix }) => {
  app.get('/', async (request, reply) => reply.redirect(`${prefix}${request.user ? '/projects/' : '/accounts/login/'}`, 303));
};
