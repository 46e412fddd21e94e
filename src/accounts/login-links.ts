import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import type { Mailer } from '../outbound/mailer.js';
import { insertLoginLink, isLoginLinkLive, takeLoginLink } from '../store/login-links.js';
import { findCredentialsByEmail } from '../store/user-credentials.js';
import { loginLinkEmail } from './account-emails.js';
import { allowAccountEmail, allowAuthIp } from './auth-rate-limits.js';
import { normalizeEmail } from './create-user.js';
import { hashToken } from './sessions.js';

export const LINK_TTL_MS = 3_600_000;
export const LOGIN_PURPOSE = 'login';
export const CHANGE_EMAIL_PURPOSE = 'change-email:';

/** The shape of the tokens we hand out (43 base64url characters): anything else is not looked up. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

type LinkDeps = Pick<Deps, 'store' | 'clock'>;

/** A single-use link token for `purpose`; only its SHA-256 is stored. */
export async function issueLinkToken(deps: LinkDeps, userId: number, purpose: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await insertLoginLink(deps.store.db, {
    tokenHash: hashToken(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: now + LINK_TTL_MS,
  });
  return token;
}

/** Takes (spends) a live link of the purpose; undefined when unknown, used or expired. */
export function takeLinkToken(deps: LinkDeps, token: string, purposePrefix: string) {
  if (!LINK_TOKEN.test(token)) return Promise.resolve(undefined);
  return takeLoginLink(deps.store.db, hashToken(token), purposePrefix, deps.clock.now());
}

export function isLinkTokenLive(deps: LinkDeps, token: string, purposePrefix: string): Promise<boolean> {
  if (!LINK_TOKEN.test(token)) return Promise.resolve(false);
  return isLoginLinkLive(deps.store.db, hashToken(token), purposePrefix, deps.clock.now());
}

export function loginLinkUrl(siteRoot: string, token: string, next: string | null): string {
  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  return `${siteRoot}/accounts/check_token/${token}/${query}`;
}

/**
 * "Email me a login link": when the address has an account, a link valid for an hour is
 * emailed. The answer is the same whether or not it has one (no account enumeration), and the
 * email goes out after the answer so its timing tells nothing either.
 */
export async function requestLoginLink(
  deps: Pick<Deps, 'store' | 'clock' | 'secretKey' | 'config' | 'log'>,
  mailer: Mailer,
  input: { email: string; ip: string | null; next: string | null },
): Promise<'accepted' | 'rate_limited'> {
  const email = normalizeEmail(input.email);
  if (!(await allowAuthIp(deps, input.ip)) || !(await allowAccountEmail(deps, email))) return 'rate_limited';
  const user = email === '' ? undefined : await findCredentialsByEmail(deps.store.db, email);
  if (!user) return 'accepted';
  const token = await issueLinkToken(deps, user.id, LOGIN_PURPOSE);
  const { siteName, siteRoot } = deps.config;
  const log = deps.log.child({ component: 'accounts' });
  mailer.send({ to: user.email, ...loginLinkEmail(siteName, loginLinkUrl(siteRoot, token, input.next)) }).then(
    (result) => {
      if (!result.ok) log.warn({ userId: user.id, error: result.error }, 'login link email failed');
    },
    (error: unknown) => log.error({ err: error, userId: user.id }, 'login link email failed'),
  );
  return 'accepted';
}
