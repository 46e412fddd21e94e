import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import type { Mailer } from '../outbound/mailer.js';
import { findUserByEmail } from '../store/users.js';
import { updateEmail } from '../store/user-writes.js';
import { emailChangeEmail } from './account-emails.js';
import { allowAccountEmail } from './auth-rate-limits.js';
import { confirmPassword } from './change-password.js';
import { normalizeEmail } from './create-user.js';
import { CHANGE_EMAIL_PURPOSE, issueLinkToken, takeLinkToken } from './login-links.js';
import { emailProblem } from './sign-up.js';

type EmailDeps = Pick<Deps, 'store' | 'clock' | 'secretKey' | 'config'>;

const TAKEN = 'Another account already uses this email address.';

export function changeEmailUrl(siteRoot: string, token: string): string {
  return `${siteRoot}/accounts/change_email/${token}/`;
}

/**
 * Emails a confirmation link to the new address (after the current password): the address
 * changes only when someone who reads that mailbox opens it.
 */
export async function requestEmailChange(
  deps: EmailDeps,
  mailer: Mailer,
  userId: number,
  input: { password: string; newEmail: string },
): Promise<{ email: string }> {
  const email = normalizeEmail(input.newEmail);
  const problem = emailProblem(email);
  if (problem) throw new AppError('bad_request', problem);
  const current = await confirmPassword(deps, userId, input.password);
  if (email === current.email) throw new AppError('bad_request', 'This is already your email address.');
  if (await findUserByEmail(deps.store.db, email)) throw new AppError('conflict', TAKEN);
  if (!(await allowAccountEmail(deps, email))) throw new AppError('bad_request', 'Too many attempts, please try again later.');
  const token = await issueLinkToken(deps, userId, `${CHANGE_EMAIL_PURPOSE}${email}`);
  const result = await mailer.send({
    to: email,
    ...emailChangeEmail(deps.config.siteName, changeEmailUrl(deps.config.siteRoot, token), email),
  });
  if (!result.ok) throw new AppError('bad_request', `The confirmation email could not be sent: ${result.error}`);
  return { email };
}

/**
 * Spends the link and changes the address it names. Undefined when the link is unknown, used
 * or expired; a conflict when the address was taken since.
 */
export async function confirmEmailChange(deps: EmailDeps, token: string): Promise<{ userId: number; email: string } | undefined> {
  const link = await takeLinkToken(deps, token, CHANGE_EMAIL_PURPOSE);
  if (!link) return undefined;
  const email = link.purpose.slice(CHANGE_EMAIL_PURPOSE.length);
  const owner = await findUserByEmail(deps.store.db, email);
  if (owner && owner.id !== link.userId) throw new AppError('conflict', TAKEN);
  try {
    if (!(await updateEmail(deps.store.db, link.userId, email))) return undefined;
  } catch (error) {
    // Lost a race with a signup of the same address: the unique index decided.
    if (await findUserByEmail(deps.store.db, email)) throw new AppError('conflict', TAKEN);
    throw error;
  }
  return { userId: link.userId, email };
}
