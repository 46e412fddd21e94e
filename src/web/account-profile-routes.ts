import { formField } from './form-field.js';
import { changeEmailUrl, confirmEmailChange, requestEmailChange } from '../accounts/change-email.js';
import { changePassword } from '../accounts/change-password.js';
import { closeAccount } from '../accounts/close-account.js';
import { CHANGE_EMAIL_PURPOSE, isLinkTokenLive } from '../accounts/login-links.js';
import { readProfile, saveNotifications, saveTheme } from '../accounts/profile-settings.js';
import { isAppError } from '../lib/app-error.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { linkConfirmPage, messagePage } from './account-login-pages.js';
import { profilePage, type ProfileForm } from './account-profile-page.js';
import { clearSessionCookie, setSessionCookie } from './account-session-cookie.js';
import { flash, pageContext, requireUser } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

type TokenParams = { Params: { token: string } };

/** `/accounts/profile/…`: each form posts to its own path and comes back to the profile. */
export const accountProfileRoutes: WebRoutes = (app, kit) => {
  const { deps, prefix } = kit;
  const profileUrl = `${prefix}/accounts/profile/`;

  app.get('/accounts/profile/', async (request, reply) => {
    const user = requireUser(request);
    const profile = await readProfile(deps, user.id);
    return kit.send(reply, profilePage(pageContext(deps, request, reply, prefix), { profile }));
  });

  /**
   * Runs one form's change: success → back to the profile with `done` shown once; the form's own
   * problem (bad_request, conflict) → the profile again, 400, the message beside that form.
   */
  function profileForm(
    form: ProfileForm,
    change: (request: FastifyRequest, reply: FastifyReply, userId: number) => Promise<string>,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const user = requireUser(request);
      try {
        const done = await change(request, reply, user.id);
        flash(reply, prefix, done);
        return reply.redirect(form === 'close' ? `${prefix}/accounts/login/` : profileUrl, 303);
      } catch (error) {
        if (!isAppError(error) || (error.code !== 'bad_request' && error.code !== 'conflict')) throw error;
        const profile = await readProfile(deps, user.id);
        const ctx = pageContext(deps, request, reply, prefix);
        const newEmail = form === 'email' ? formField(request.body, 'email') : undefined;
        return kit.send(reply, profilePage(ctx, { profile, error: { form, message: error.message }, newEmail }), 400);
      }
    };
  }

  app.post(
    '/accounts/profile/password/',
    profileForm('password', async (request, reply, userId) => {
      const input = { current: formField(request.body, 'current'), next: formField(request.body, 'password') };
      setSessionCookie(reply, deps.config, prefix, await changePassword(deps, userId, input));
      return 'Your password has been changed. Other sessions are logged out.';
    }),
  );

  app.post(
    '/accounts/profile/email/',
    profileForm('email', async (request, _reply, userId) => {
      const input = { newEmail: formField(request.body, 'email'), password: formField(request.body, 'password') };
      const { email } = await requestEmailChange(deps, kit.senders.mailer, userId, input);
      return `We have emailed a confirmation link to ${email}. Your address changes when you open it.`;
    }),
  );

  app.post(
    '/accounts/profile/theme/',
    profileForm('theme', async (request, _reply, userId) => {
      await saveTheme(deps, userId, formField(request.body, 'theme'));
      return 'Your theme is saved.';
    }),
  );

  app.post(
    '/accounts/profile/notifications/',
    profileForm('notifications', async (request, _reply, userId) => {
      const input = {
        reports: formField(request.body, 'reports'),
        nag: formField(request.body, 'nag'),
        tz: formField(request.body, 'tz'),
      };
      await saveNotifications(deps, userId, input);
      return 'Your notification settings are saved.';
    }),
  );

  app.post(
    '/accounts/profile/close/',
    profileForm('close', async (request, reply, userId) => {
      await closeAccount(deps, userId, formField(request.body, 'email'));
      clearSessionCookie(reply, prefix);
      return 'Your account has been closed.';
    }),
  );

  app.get<TokenParams>('/accounts/change_email/:token/', async (request, reply) => {
    const ctx = pageContext(deps, request, reply, prefix);
    if (!(await isLinkTokenLive(deps, request.params.token, CHANGE_EMAIL_PURPOSE))) {
      return kit.send(reply, messagePage(ctx, 'Link expired', 'This link has expired or was already used.'), 400);
    }
    const action = changeEmailUrl(prefix, request.params.token);
    const text = 'Confirm the change of your account’s email address to this mailbox.';
    return kit.send(reply, linkConfirmPage(ctx, { title: 'Confirm your new address', text, action, button: 'Confirm' }));
  });

  app.post<TokenParams>('/accounts/change_email/:token/', async (request, reply) => {
    const changed = await confirmEmailChange(deps, request.params.token);
    if (!changed) {
      const ctx = pageContext(deps, request, reply, prefix);
      return kit.send(reply, messagePage(ctx, 'Link expired', 'This link has expired or was already used.'), 400);
    }
    flash(reply, prefix, `Your email address is now ${changed.email}.`);
    return reply.redirect(request.user?.id === changed.userId ? profileUrl : `${prefix}/accounts/login/`, 303);
  });
};
