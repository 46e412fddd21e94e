import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import { deleteSession, findSessionUser, insertSession, type SessionUser } from '../store/sessions.js';

export type { SessionUser };

/** Django's default session age. */
export const SESSION_MS = 14 * 86_400_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new session for `userId`: the random token goes in the cookie, only its hash in the database. */
export async function startSession(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = now + SESSION_MS;
  await insertSession(deps.store.db, { tokenHash: hashToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export function sessionUser(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<SessionUser | undefined> {
  return findSessionUser(deps.store.db, hashToken(token), deps.clock.now());
}

export function endSession(deps: Pick<Deps, 'store'>, token: string): Promise<void> {
  return deleteSession(deps.store.db, hashToken(token));
}
