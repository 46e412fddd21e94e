import { AppError } from '../lib/app-error.js';
import { formField } from './form-field.js';
import { html, type Html } from './html.js';

/** A user id from a form (a member to change, remove or make owner). */
export function formUserId(body: unknown): number {
  const text = formField(body, 'user');
  if (!/^[1-9][0-9]{0,15}$/.test(text)) throw new AppError('bad_request', 'Choose a member.');
  return Number(text);
}

/** An instant as `<time>` with a readable UTC text (the page script may localize it). */
export function utcTime(ms: number): Html {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}
