import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import type { Mailer } from '../outbound/mailer.js';
import { insertLoginLink } from '../store/login-links.js';
import { findOrCreateUser, insertMember } from '../store/team.js';
import { tryConsumeToken } from '../store/token-buckets.js';
import { normalizeEmail } from './create-user.js';
import { requireManager, type AccessibleProject } from './project-access.js';
import { hashToken } from './sessions.js';
import type { MemberRole } from './team-members.js';
import { teamInviteEmail } from './team-invite-email.js';

export const INVITE_VALID_DAYS = 7;
/** The login_links purpose of invitation links (`login` is the accounts' emailed sign-in). */
export const INVITE_PURPOSE = 'invite';
const DAY_MS = 86_400_000;
/** Spec §1.9: `invite-<user id>`, 20 a day. */
const INVITES_PER_DAY = 20;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type InviteResult =
  | { kind: 'invited'; email: string; emailed: true }
  | { kind: 'invited'; email: string; emailed: false; error: string }
  | { kind: 'already_member'; email: string }
  | { kind: 'rate_limited' };

/** Django's convention: a hash no password can match, so only emailed links log the user in. */
const unusablePasswordHash = () => `!${randomBytes(30).toString('base64url')}`;

/**
 * Adds `email` to the team with `role` (owner or manager only) and emails them a one-time
 * link that logs them in and opens the project. An address without an account gets one,
 * without a password. Membership starts at once, as in Healthchecks: the link is a way in,
 * not a consent step.
 */
export async function inviteMember(
  deps: Pick<Deps, 'store' | 'clock' | 'config'>,
  mailer: Mailer,
  inviter: { id: number; email: string },
  project: AccessibleProject,
  input: { email: string; role: MemberRole },
): Promise<InviteResult> {
  requireManager(project);
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw new AppError('bad_request', `Invalid email address: "${input.email}".`);
  if (email === project.ownerEmail) return { kind: 'already_member', email };
  const db = deps.store.db;
  const now = deps.clock.now();
  if (!(await tryConsumeToken(deps.store, `invite-${inviter.id}`, INVITES_PER_DAY, DAY_MS, now))) return { kind: 'rate_limited' };
  const user = await findOrCreateUser(db, { email, unusablePasswordHash: unusablePasswordHash(), createdAt: now });
  if (user.id === project.ownerId) return { kind: 'already_member', email };
  if (!(await insertMember(db, { projectId: project.id, userId: user.id, role: input.role, createdAt: now })))
    return { kind: 'already_member', email };

  const token = randomBytes(32).toString('base64url');
  await insertLoginLink(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    purpose: INVITE_PURPOSE,
    createdAt: now,
    expiresAt: now + INVITE_VALID_DAYS * DAY_MS,
  });
  const { siteRoot, siteName } = deps.config;
  const message = teamInviteEmail({
    siteName,
    inviterEmail: inviter.email,
    projectName: project.name || project.ownerEmail,
    role: input.role,
    acceptUrl: `${siteRoot}/accounts/accept_invite/${token}/?project=${project.code}`,
    validDays: INVITE_VALID_DAYS,
  });
  const sent = await mailer.send({ to: email, ...message });
  return sent.ok ? { kind: 'invited', email, emailed: true } : { kind: 'invited', email, emailed: false, error: sent.error };
}
