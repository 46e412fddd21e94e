import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

export interface LoginForm {
  email: string;
  next: string | null;
  error?: string;
  /** Which form the error belongs to. */
  errorOf?: 'password' | 'link';
  /** Login links need outgoing email (EMAIL_HOST). */
  linksEnabled: boolean;
  registrationOpen: boolean;
}

export function formError(id: string, message: string | undefined): Html | '' {
  return message ? html`<p class="error" role="alert" id="${id}">${message}</p>` : '';
}

const nextField = (next: string | null) => (next ? html`<input type="hidden" name="next" value="${next}" />` : '');

/** The login page: password form, and the emailed-link form when email is configured. */
export function loginPage(ctx: PageContext, form: LoginForm): Html {
  const { prefix, siteName } = ctx;
  const passwordError = form.errorOf === 'link' ? undefined : form.error;
  const linkError = form.errorOf === 'link' ? form.error : undefined;
  const invalid = passwordError ? html` aria-invalid="true" aria-describedby="login-error"` : '';
  return page(ctx, {
    title: 'Log in',
    body: html`<section class="auth-panel">
      <h1>Log in to ${siteName}</h1>
      ${formError('login-error', passwordError)}
      <form method="post" action="${prefix}/accounts/login/" class="auth-form">
        ${csrfField(ctx)} ${nextField(form.next)}
        <label for="login-email">Email</label>
        <input type="email" id="login-email" name="email" autocomplete="username" required value="${form.email}"${invalid} />
        <label for="login-password">Password</label>
        <input type="password" id="login-password" name="password" autocomplete="current-password" required${invalid} />
        <p><button type="submit" class="primary">Log in</button></p>
      </form>
      ${
        form.linksEnabled
          ? html`<h2>Or log in with a link</h2>
              <p class="hint">We email you a link that logs you in once, within the next hour.</p>
              ${formError('link-error', linkError)}
              <form method="post" action="${prefix}/accounts/login/link/" class="auth-form">
                ${csrfField(ctx)} ${nextField(form.next)}
                <label for="link-email">Email</label>
                <input type="email" id="link-email" name="email" autocomplete="email" required value="${form.email}" />
                <p><button type="submit">Email me a login link</button></p>
              </form>`
          : ''
      }
      ${form.registrationOpen ? html`<p>No account yet? <a href="${prefix}/accounts/signup/">Sign up</a></p>` : ''}
    </section>`,
  });
}

/** The one answer to a login-link request, whether or not the address has an account. */
export function linkSentPage(ctx: PageContext): Html {
  return page(ctx, {
    title: 'Check your email',
    body: html`<section class="auth-panel">
      <h1>Check your email</h1>
      <p>If an account uses that address, we have emailed it a login link. The link works once, within the next hour.</p>
      <p class="hint">Nothing arrived? Look in the spam folder, or <a href="${ctx.prefix}/accounts/login/">try again</a>.</p>
    </section>`,
  });
}

/**
 * What an emailed link opens: a button, not a login. Mail scanners fetch links with GET, and
 * must not spend the link or start a session.
 */
export function linkConfirmPage(
  ctx: PageContext,
  options: { title: string; text: string; action: string; button: string },
): Html {
  return page(ctx, {
    title: options.title,
    body: html`<section class="auth-panel">
      <h1>${options.title}</h1>
      <p>${options.text}</p>
      <form method="post" action="${options.action}">
        ${csrfField(ctx)}
        <button type="submit" class="primary">${options.button}</button>
      </form>
    </section>`,
  });
}

/** A dead end with a way back: an expired link and the like. */
export function messagePage(ctx: PageContext, title: string, text: string): Html {
  return page(ctx, {
    title,
    body: html`<section class="auth-panel">
      <h1>${title}</h1>
      <p>${text}</p>
      <p><a href="${ctx.prefix}/accounts/login/">Go to the login page</a></p>
    </section>`,
  });
}
