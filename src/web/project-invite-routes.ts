import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectFor } from '../accounts/project-access.js';
import { endSession, sessionUser } from '../accounts/sessions.js';
import { acceptInvite, invitedEmail } from '../accounts/team-accept-invite.js';
import { isAppError } from '../lib/app-error.js';
import { html } from './html.js';
import { page } from './layout.js';
import { csrfField, flash, pageContext } from './page-context.js';
import { sessionToken, setSessionCookie } from './account-session-cookie.js';
import type { WebKit, WebRoutes } from './web-plugin.js';

type InviteRequest = FastifyRequest<{ Params: { token: string }; Querystring: { project?: string } }>;

/** Only a UUID goes back into a URL: the query string is the visitor's to edit. */
const projectParam = (request: InviteRequest) => {
  const code = request.query.project;
  return typeof code === 'string' && /^[0-9a-f-]{36}$/.test(code) ? code : '';
};

/** Replaces whatever session the browser had: the invited user is the one who clicked. */
async function startBrowserSession(
  kit: WebKit,
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; expiresAt: number },
): Promise<void> {
  const previous = sessionToken(request);
  if (previous) await endSession(kit.deps, previous);
  setSessionCookie(reply, kit.deps.config, kit.prefix, session);
}

/**
 * `/accounts/accept_invite/<token>/?project=<code>`: the link of an invitation email. The GET
 * asks for a click; the POST uses the link up, logs the invitee in and opens the project.
 */
export const projectInviteRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;

  app.get<{ Params: { token: string }; Querystring: { project?: string } }>(
    '/accounts/accept_invite/:token/',
    async (request, reply) => {
      const email = await invitedEmail(deps, request.params.token);
      const ctx = pageContext(deps, request, reply, prefix);
      const code = projectParam(request);
      const action = `${prefix}/accounts/accept_invite/${request.params.token}/${code ? `?project=${code}` : ''}`;
      const body = html`<h1>Join the team</h1>
        <p>This invitation was sent to <strong>${email}</strong>.</p>
        <form method="post" action="${action}">
          ${csrfField(ctx)}
          <button type="submit" class="primary">Accept and log in</button>
        </form>`;
      return kit.send(reply, page(ctx, { title: 'Join the team', body }));
    },
  );

  app.post<{ Params: { token: string }; Querystring: { project?: string } }>(
    '/accounts/accept_invite/:token/',
    async (request, reply) => {
      const { session } = await acceptInvite(deps, request.params.token);
      await startBrowserSession(kit, request, reply, session);
      const user = await sessionUser(deps, session.token);
      const code = projectParam(request);
      if (user && code) {
        try {
          const project = await projectFor(deps, user, code);
          flash(reply, prefix, `Welcome to ${project.name || project.ownerEmail}.`);
          return reply.redirect(`${prefix}/projects/${project.code}/checks/`, 303);
        } catch (error) {
          // Removed from the team since the invitation: the overview shows what is left.
          if (!isAppError(error) || error.code !== 'not_found') throw error;
        }
      }
      flash(reply, prefix, 'You are logged in.');
      return reply.redirect(`${prefix}/projects/`, 303);
    },
  );
};
