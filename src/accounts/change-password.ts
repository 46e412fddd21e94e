import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { deleteUserSessions } from '../store/sessions.js';
import { findCredentialsById } from '../store/user-credentials.js';
import { updatePasswordHash } from '../store/user-writes.js';
import { allowPasswordAttempt } from './auth-rate-limits.js';
import { MAX_PASSWORD_LENGTH } from './log-in.js';
import { hashPassword, verifyPassword } from './password.js';
import { startSession } from './sessions.js';
import { passwordProblem } from './sign-up.js';

type AccountDeps = Pick<Deps, 'store' | 'clock' | 'secretKey'>;

/**
 * Checks the user's current password, within the password-attempt limit (a stolen session must
 * not become a way to guess it). Throws the form's message when it does not match.
 */
export async function confirmPassword(deps: AccountDeps, userId: number, password: string): Promise<{ email: string }> {
  const user = await findCredentialsById(deps.store.db, userId);
  if (!user) throw new AppError('unauthorized', 'log in first');
  if (!(await allowPasswordAttempt(deps, user.email))) {
    throw new AppError('bad_request', 'Too many attempts, please try again later.');
  }
  const ok = password !== '' && password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, user.passwordHash));
  if (!ok) throw new AppError('bad_request', 'The current password is not correct.');
  return { email: user.email };
}

/**
 * Sets a new password and logs the user out everywhere; the new session returned replaces the
 * one this request came with (so a session stolen before the change is worth nothing after).
 */
export async function changePassword(
  deps: AccountDeps,
  userId: number,
  input: { current: string; next: string },
): Promise<{ token: string; expiresAt: number }> {
  await confirmPassword(deps, userId, input.current);
  const problem = passwordProblem(input.next);
  if (problem) throw new AppError('bad_request', problem.replace('The password', 'The new password'));
  await updatePasswordHash(deps.store.db, userId, await hashPassword(input.next));
  await deleteUserSessions(deps.store.db, userId);
  return startSession(deps, userId);
}
