import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.js';
import { escapeHtml } from '../domain/escape-html.js';
import type { Mailer, SendResult } from '../outbound/mailer.js';
import { confirmEmailChannel, findChannelByCode } from '../store/channel-state.js';

/** Spec §9.8: the token is keyed by the channel's UUID and the server secret; it never expires. */
export function emailVerificationToken(channelCode: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(`verify-email:${channelCode}`).digest('hex').slice(0, 32);
}

export function emailVerificationUrl(siteRoot: string, channelCode: string, secretKey: string): string {
  return `${siteRoot}/integrations/${channelCode}/verify/${emailVerificationToken(channelCode, secretKey)}/`;
}

/** Asks the address of a new email integration to confirm it wants the alerts. */
export function sendEmailVerification(
  deps: Pick<Deps, 'config' | 'secretKey'>,
  mailer: Mailer,
  channel: { code: string; address: string; projectName: string },
): Promise<SendResult> {
  const { siteName, siteRoot } = deps.config;
  const url = emailVerificationUrl(siteRoot, channel.code, deps.secretKey);
  const text = [
    'Hello,',
    '',
    `Someone added ${channel.address} to receive alerts of the project "${channel.projectName}" on ${siteName}.`,
    'To confirm that you want them, open this link:',
    url,
    '',
    'If you did not expect this, ignore this email: nothing will be sent.',
    '',
    `-- ${siteName}`,
  ].join('\n');
  const body = `<p>Hello,</p><p>Someone added ${escapeHtml(channel.address)} to receive alerts of the project "${escapeHtml(channel.projectName)}" on ${escapeHtml(siteName)}.</p><p><a href="${escapeHtml(url)}">Confirm that you want them</a>.</p><p>If you did not expect this, ignore this email: nothing will be sent.</p>`;
  return mailer.send({ to: channel.address, subject: `Verify email address on ${siteName}`, text, html: body });
}

/** The link of the confirmation email: marks the address confirmed; false for a bad link. */
export async function verifyEmailChannel(
  deps: Pick<Deps, 'store' | 'secretKey'>,
  channelCode: string,
  token: string,
): Promise<boolean> {
  const expected = Buffer.from(emailVerificationToken(channelCode, deps.secretKey));
  const given = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const channel = await findChannelByCode(deps.store.db, channelCode);
  if (channel?.kind !== 'email') return false;
  await confirmEmailChannel(deps.store.db, channel.id);
  return true;
}
