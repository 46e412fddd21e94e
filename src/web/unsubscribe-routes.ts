import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkChannelUnsubscribe, unsubscribeChannel, unsubscribeReports } from '../alerts/unsubscribe.js';
import { html } from './html.js';
import { page } from './layout.js';
import { pageContext } from './page-context.js';
import type { WebKit, WebRoutes } from './web-plugin.js';

type Params = { code?: string; token: string };

function answer(kit: WebKit, request: FastifyRequest, reply: FastifyReply, title: string, text: string, status = 200) {
  const ctx = pageContext(kit.deps, request, reply, kit.prefix);
  return kit.send(reply, page(ctx, { title, body: html`<h1>${title}</h1><p>${text}</p>` }), status);
}

/** A confirmation form: GET never acts (link scanners open links), POST does. */
function confirmForm(kit: WebKit, request: FastifyRequest, reply: FastifyReply, what: string, autoSubmit: boolean) {
  const ctx = pageContext(kit.deps, request, reply, kit.prefix);
  const body = html`<h1>Unsubscribe</h1>
<form method="post" ${autoSubmit ? html`data-auto-submit` : ''}>
<p>${what}</p>
<button type="submit" class="primary">Unsubscribe</button>
</form>
${autoSubmit ? html`<script>document.querySelector('form[data-auto-submit]')?.submit();</script>` : ''}`;
  return kit.send(reply, page(ctx, { title: 'Unsubscribe', body }));
}

/**
 * Unsubscribe links of alert and report emails (the `List-Unsubscribe` header). The signed
 * token in the URL is the authorization, and mail clients' one-click POST (RFC 8058) carries no
 * CSRF token, so these two forms are the dashboard's only ones without it.
 */
export const unsubscribeRoutes: WebRoutes = (app, kit) => {
  const noCsrf = { config: { csrf: false } };
  app.get('/integrations/:code/unsub/:token/', async (request, reply) => {
    const { code, token } = request.params as Required<Params>;
    const link = checkChannelUnsubscribe(kit.deps, code, token);
    if (!link) return answer(kit, request, reply, 'Link not valid', 'This unsubscribe link is not valid.', 400);
    return confirmForm(kit, request, reply, 'Stop sending alert emails to this address?', link.autoSubmit);
  });
  app.post('/integrations/:code/unsub/:token/', noCsrf, async (request, reply) => {
    const { code, token } = request.params as Required<Params>;
    if (!(await unsubscribeChannel(kit.deps, code, token))) {
      return answer(kit, request, reply, 'Link not valid', 'This unsubscribe link is not valid.', 400);
    }
    return answer(kit, request, reply, 'Unsubscribed', 'This address will receive no more alert emails from this integration.');
  });
  app.get('/accounts/unsubscribe_reports/:token/', async (request, reply) =>
    confirmForm(kit, request, reply, 'Stop sending reports and reminders to this address?', false),
  );
  app.post('/accounts/unsubscribe_reports/:token/', noCsrf, async (request, reply) => {
    const { token } = request.params as Params;
    if (!(await unsubscribeReports(kit.deps, token))) {
      return answer(kit, request, reply, 'Link not valid', 'This unsubscribe link is not valid.', 400);
    }
    return answer(
      kit,
      request,
      reply,
      'Unsubscribed',
      'You will receive no more reports or reminders. You can turn them back on in your profile.',
    );
  });
};
