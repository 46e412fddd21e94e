import { MIN_PASSWORD_LENGTH } from '../accounts/create-user.js';
import { formError } from './account-login-pages.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

export function signupPage(ctx: PageContext, form: { email: string; error?: string }): Html {
  const { prefix, siteName } = ctx;
  const invalid = form.error ? html` aria-invalid="true" aria-describedby="signup-error"` : '';
  return page(ctx, {
    title: 'Sign up',
    body: html`<section class="auth-panel">
      <h1>Create your ${siteName} account</h1>
      ${formError('signup-error', form.error)}
      <form method="post" action="${prefix}/accounts/signup/" class="auth-form">
        ${csrfField(ctx)}
        <label for="signup-email">Email</label>
        <input type="email" id="signup-email" name="email" autocomplete="email" required value="${form.email}"${invalid} />
        <label for="signup-password">Password</label>
        <input
          type="password"
          id="signup-password"
          name="password"
          autocomplete="new-password"
          required
          minlength="${MIN_PASSWORD_LENGTH}"
          aria-describedby="signup-password-hint"
        />
        <p class="hint" id="signup-password-hint">At least ${MIN_PASSWORD_LENGTH} characters.</p>
        <p><button type="submit" class="primary">Sign up</button></p>
      </form>
      <p>Already have an account? <a href="${prefix}/accounts/login/">Log in</a></p>
    </section>`,
  });
}
