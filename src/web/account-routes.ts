import { formField } from './form-field.js';
import { startSession, endSession } from '../accounts/sessions.js';
import { logIn } from '../accounts/log-in.js';
import { isLinkTokenLive, LOGIN_PURPOSE, requestLoginLink, takeLinkToken } from '../accounts/login-links.js';
import { signUp } from '../accounts/sign-up.js';
import { AppError, isAppError } from '../lib/app-error.js';
import { linkConfirmPage, linkSentPage, loginPage, messagePage, type LoginForm } from './account-login-pages.js';
import { accountProfileRoutes } from './account-profile-routes.js';
import { clearSessionCookie, clientIp, safeNext, sessionToken, setSessionCookie } from './account-session-cookie.js';
import { signupPage } from './account-signup-page.js';
import { flash, pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

const TOO_MANY = 'Too many attempts, please try again later.';
const INCORRECT = 'Incorrect email or password.';
const DEAD_LINK = 'This link has expired or was already used. Links work once, within an hour of being sent.';

type TokenParams = { Params: { token: string }; Querystring: { next?: string } };

/** Signup, password and emailed-link login, logout (spec §12 `/accounts/…`). */
export const accountRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;
  const { config } = deps;
  const home = `${prefix}/projects/`;
  const loginForm = (email: string, next: string | null): LoginForm => ({
    email,
    next,
    linksEnabled: config.email.host !== null,
    registrationOpen: config.registrationOpen,
  });

  app.get<{ Querystring: { next?: string } }>('/accounts/login/', async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.user) return reply.redirect(next ?? home, 303);
    return kit.send(reply, loginPage(pageContext(deps, request, reply, prefix), loginForm('', next)));
  });

  app.post<{ Querystring: { next?: string } }>('/accounts/login/', async (request, reply) => {
    const email = formField(request.body, 'email');
    const next = safeNext(formField(request.body, 'next') || request.query.next);
    const result = await logIn(deps, { email, password: formField(request.body, 'password'), ip: clientIp(request) });
    if (result.ok) {
      setSessionCookie(reply, deps.config, prefix, await startSession(deps, result.userId));
      return reply.redirect(next ?? home, 303);
    }
    const limited = result.reason === 'rate_limited';
    const form = { ...loginForm(email, next), error: limited ? TOO_MANY : INCORRECT };
    return kit.send(reply, loginPage(pageContext(deps, request, reply, prefix), form), limited ? 429 : 400);
  });

  app.post('/accounts/login/link/', async (request, reply) => {
    if (config.email.host === null) throw new AppError('not_found', 'login links need outgoing email, which is not set up');
    const email = formField(request.body, 'email');
    const next = safeNext(formField(request.body, 'next'));
    const ctx = pageContext(deps, request, reply, prefix);
    const outcome = await requestLoginLink(deps, kit.senders.mailer, { email, ip: clientIp(request), next });
    if (outcome === 'rate_limited') {
      return kit.send(reply, loginPage(ctx, { ...loginForm(email, next), error: TOO_MANY, errorOf: 'link' }), 429);
    }
    return kit.send(reply, linkSentPage(ctx));
  });

  app.get<TokenParams>('/accounts/check_token/:token/', async (request, reply) => {
    const ctx = pageContext(deps, request, reply, prefix);
    if (!(await isLinkTokenLive(deps, request.params.token, LOGIN_PURPOSE))) {
      return kit.send(reply, messagePage(ctx, 'Login link expired', DEAD_LINK), 400);
    }
    const next = safeNext(request.query.next);
    const action = `${prefix}/accounts/check_token/${request.params.token}/${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    const text = `Continue to log in to ${config.siteName}.`;
    return kit.send(reply, linkConfirmPage(ctx, { title: 'Log in', text, action, button: 'Log in' }));
  });

  app.post<TokenParams>('/accounts/check_token/:token/', async (request, reply) => {
    const link = await takeLinkToken(deps, request.params.token, LOGIN_PURPOSE);
    if (!link) {
      return kit.send(reply, messagePage(pageContext(deps, request, reply, prefix), 'Login link expired', DEAD_LINK), 400);
    }
    setSessionCookie(reply, deps.config, prefix, await startSession(deps, link.userId));
    return reply.redirect(safeNext(request.query.next) ?? home, 303);
  });

  app.post('/accounts/logout/', async (request, reply) => {
    const token = sessionToken(request);
    if (token) await endSession(deps, token);
    clearSessionCookie(reply, prefix);
    flash(reply, prefix, 'You are logged out.');
    return reply.redirect(`${prefix}/accounts/login/`, 303);
  });

  const requireRegistration = () => {
    if (!config.registrationOpen) throw new AppError('not_found', 'sign-up is closed on this server');
  };

  app.get('/accounts/signup/', async (request, reply) => {
    requireRegistration();
    if (request.user) return reply.redirect(home, 303);
    return kit.send(reply, signupPage(pageContext(deps, request, reply, prefix), { email: '' }));
  });

  app.post('/accounts/signup/', async (request, reply) => {
    requireRegistration();
    const email = formField(request.body, 'email');
    const rerender = (error: string, status: number) =>
      kit.send(reply, signupPage(pageContext(deps, request, reply, prefix), { email, error }), status);
    let created: Awaited<ReturnType<typeof signUp>>;
    try {
      created = await signUp(deps, { email, password: formField(request.body, 'password'), ip: clientIp(request) });
    } catch (error) {
      if (isAppError(error) && (error.code === 'bad_request' || error.code === 'conflict')) return rerender(error.message, 400);
      throw error;
    }
    if (created === 'rate_limited') return rerender(TOO_MANY, 429);
    setSessionCookie(reply, deps.config, prefix, await startSession(deps, created.userId));
    return reply.redirect(`${prefix}/projects/${created.projectCode}/checks/`, 303);
  });

  accountProfileRoutes(app, kit);
};
