import type { Deps } from '../deps.js';
import { findCredentialsByEmail } from '../store/user-credentials.js';
import { allowAuthIp, allowPasswordAttempt } from './auth-rate-limits.js';
import { normalizeEmail } from './create-user.js';
import { hashPassword, verifyPassword } from './password.js';

export type LogInResult = { ok: true; userId: number } | { ok: false; reason: 'incorrect' | 'rate_limited' };

/** Longer than any real password: not worth hashing. */
export const MAX_PASSWORD_LENGTH = 4096;

let decoyHash: Promise<string> | undefined;

/**
 * Unknown addresses cost a hash too, so the answer's timing does not tell which addresses
 * have an account.
 */
function decoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy password, never anyone’s');
  return decoyHash;
}

/** A password login, within the per-address and per-account attempt limits (spec §1.9). */
export async function logIn(
  deps: Pick<Deps, 'store' | 'clock' | 'secretKey'>,
  input: { email: string; password: string; ip: string | null },
): Promise<LogInResult> {
  const email = normalizeEmail(input.email);
  if (!(await allowAuthIp(deps, input.ip)) || !(await allowPasswordAttempt(deps, email))) {
    return { ok: false, reason: 'rate_limited' };
  }
  if (email === '' || input.password === '' || input.password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, reason: 'incorrect' };
  }
  const user = await findCredentialsByEmail(deps.store.db, email);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoy()));
  return user && matches ? { ok: true, userId: user.id } : { ok: false, reason: 'incorrect' };
}
