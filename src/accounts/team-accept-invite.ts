import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { findLoginLink } from '../store/team.js';
import { LINK_TOKEN, takeLinkToken } from './login-links.js';
import { hashToken, startSession } from './sessions.js';
import { INVITE_PURPOSE } from './team-invite.js';

const INVALID = 'This invitation link is invalid, expired or already used. Ask for a new invitation, or log in.';

/** Who an invitation link was sent to, while it is still good (the confirmation page). */
export async function invitedEmail(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<string> {
  const link = LINK_TOKEN.test(token)
    ? await findLoginLink(deps.store.db, hashToken(token), INVITE_PURPOSE, deps.clock.now())
    : undefined;
  if (!link) throw new AppError('bad_request', INVALID);
  return link.email;
}

/**
 * Uses up the link and starts a session for the invited user. A GET never does this: mail
 * scanners that open links must not spend them, so the page asks for a click first.
 */
export async function acceptInvite(
  deps: Pick<Deps, 'store' | 'clock'>,
  token: string,
): Promise<{ userId: number; session: { token: string; expiresAt: number } }> {
  const link = await takeLinkToken(deps, token, INVITE_PURPOSE);
  if (!link || link.purpose !== INVITE_PURPOSE) throw new AppError('bad_request', INVALID);
  return { userId: link.userId, session: await startSession(deps, link.userId) };
}
