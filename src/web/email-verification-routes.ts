import { verifyEmailChannel } from '../alerts/email-verification.js';
import { html } from './html.js';
import { page } from './layout.js';
import { pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

/**
 * The link of an email integration's confirmation email (spec §9.8). Opening it confirms, as in
 * Healthchecks: the token proves the mailbox received the email, whoever opens it.
 */
export const emailVerificationRoutes: WebRoutes = (app, kit) => {
  app.get('/integrations/:code/verify/:token/', async (request, reply) => {
    const { code, token } = request.params as { code: string; token: string };
    const ok = await verifyEmailChannel(kit.deps, code, token);
    const ctx = pageContext(kit.deps, request, reply, kit.prefix);
    const body = ok
      ? html`<h1>Email address confirmed</h1><p>This address will now receive the alerts it was added for.</p>`
      : html`<h1>Link not valid</h1><p>This confirmation link is not valid.</p>`;
    return kit.send(reply, page(ctx, { title: ok ? 'Email address confirmed' : 'Link not valid', body }), ok ? 200 : 400);
  });
};
