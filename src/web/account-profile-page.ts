import { MIN_PASSWORD_LENGTH } from '../accounts/create-user.js';
import { NAG_PERIODS, REPORT_PERIODS, THEMES, type ProfileSettings } from '../accounts/profile-settings.js';
import { canonicalTimezones } from '../domain/timezones.js';
import { formError } from './account-login-pages.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

export type ProfileForm = 'email' | 'password' | 'theme' | 'notifications' | 'close';

export interface ProfileView {
  profile: ProfileSettings;
  /** A form's error, shown beside it. */
  error?: { form: ProfileForm; message: string };
  /** The new address typed into the change-email form (kept on error). */
  newEmail?: string;
}

const REPORT_LABELS: Record<(typeof REPORT_PERIODS)[number], string> = {
  off: 'Off',
  daily: 'Daily',
  weekly: 'Weekly, on Mondays',
  monthly: 'Monthly, on the 1st',
};
const NAG_LABELS: Record<keyof typeof NAG_PERIODS, string> = { none: 'Off', hourly: 'Hourly', daily: 'Daily' };
const THEME_LABELS: Record<keyof typeof THEMES, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

const selected = (yes: boolean) => (yes ? html` selected` : '');
const checked = (yes: boolean) => (yes ? html` checked` : '');

function option(value: string, label: string, current: boolean): Html {
  return html`<option value="${value}"${selected(current)}>${label}</option>`;
}

/** The profile: address, password, theme, reports and reminders, and closing the account. */
export function profilePage(ctx: PageContext, view: ProfileView): Html {
  const { prefix } = ctx;
  const { profile } = view;
  const errorOf = (form: ProfileForm) => formError(`${form}-error`, view.error?.form === form ? view.error.message : undefined);
  const action = (path: string) => `${prefix}/accounts/profile/${path}/`;
  const nagChoice = Object.entries(NAG_PERIODS).find(([, s]) => s === profile.nagPeriodSeconds)?.[0] ?? 'none';
  const themeChoice = Object.entries(THEMES).find(([, t]) => t === profile.theme)?.[0] ?? 'system';
  return page(ctx, {
    title: 'Account settings',
    body: html`<div class="profile">
      <h1>Account settings</h1>

      <section class="card" aria-labelledby="email-heading">
        <h2 id="email-heading">Email address</h2>
        <p>You log in as <strong>${profile.email}</strong>.</p>
        ${errorOf('email')}
        <form method="post" action="${action('email')}">
          ${csrfField(ctx)}
          <label for="new-email">New email address</label>
          <input type="email" id="new-email" name="email" autocomplete="email" required value="${view.newEmail ?? ''}" />
          <label for="email-password">Current password</label>
          <input type="password" id="email-password" name="password" autocomplete="current-password" required />
          <p class="hint">We email a confirmation link to the new address; the address changes when it is opened.</p>
          <p><button type="submit">Change email</button></p>
        </form>
      </section>

      <section class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        ${errorOf('password')}
        <form method="post" action="${action('password')}">
          ${csrfField(ctx)}
          <label for="current-password">Current password</label>
          <input type="password" id="current-password" name="current" autocomplete="current-password" required />
          <label for="new-password">New password</label>
          <input type="password" id="new-password" name="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" />
          <p class="hint">At least ${MIN_PASSWORD_LENGTH} characters. Changing it logs you out everywhere else.</p>
          <p><button type="submit">Change password</button></p>
        </form>
      </section>

      <section class="card" aria-labelledby="theme-heading">
        <h2 id="theme-heading">Appearance</h2>
        ${errorOf('theme')}
        <form method="post" action="${action('theme')}">
          ${csrfField(ctx)}
          <fieldset>
            <legend>Theme</legend>
            ${Object.entries(THEME_LABELS).map(
              ([value, label]) =>
                html`<label class="choice"
                  ><input type="radio" name="theme" value="${value}"${checked(value === themeChoice)} /> ${label}</label
                >`,
            )}
          </fieldset>
          <p><button type="submit">Save theme</button></p>
        </form>
      </section>

      <section class="card" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Email reports and reminders</h2>
        ${errorOf('notifications')}
        <form method="post" action="${action('notifications')}">
          ${csrfField(ctx)}
          <label for="reports">Summary report of my checks</label>
          <select id="reports" name="reports">
            ${REPORT_PERIODS.map((p) => option(p, REPORT_LABELS[p], p === profile.reports))}
          </select>
          <label for="nag">While a check is down, remind me</label>
          <select id="nag" name="nag">
            ${Object.entries(NAG_LABELS).map(([value, label]) => option(value, label, value === nagChoice))}
          </select>
          <label for="tz">Time zone of the reports</label>
          <select id="tz" name="tz">
            ${canonicalTimezones.map((tz) => option(tz, tz, tz === profile.tz))}
          </select>
          <p><button type="submit">Save notification settings</button></p>
        </form>
      </section>

      <section class="card danger-zone" aria-labelledby="close-heading">
        <h2 id="close-heading">Close account</h2>
        <p>This deletes your account and every project you own, with their checks, pings and integrations. It cannot be undone.</p>
        ${errorOf('close')}
        <form method="post" action="${action('close')}" data-confirm="Close your account and delete your projects?">
          ${csrfField(ctx)}
          <label for="close-email">Type your email address to confirm</label>
          <input type="email" id="close-email" name="email" autocomplete="off" required />
          <p><button type="submit" class="danger">Close my account</button></p>
        </form>
      </section>
    </div>`,
  });
}
