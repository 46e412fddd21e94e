import type { Deps } from '../deps.js';
import type { Mailer } from '../outbound/mailer.js';
import type { ReportProfile } from '../store/profiles.js';
import type { EmailContent } from './report-email.js';
import { reportEnvelope } from './report-envelope.js';

/** What report and reminder senders share: pauses between emails, and a way to stop early. */
export interface SendOptions {
  /** Awaited after each email (spec §8.4's 3 s pause, kind to the SMTP relay's quotas). */
  afterEmail?: () => Promise<void>;
  /** Checked between users: a stopping process finishes the email in hand, then returns. */
  signal?: AbortSignal;
}

/** Sends one report or reminder to `profile`, logging the outcome; true when the relay accepted it. */
export async function sendToProfile(
  deps: Pick<Deps, 'config' | 'secretKey' | 'log'>,
  mailer: Mailer,
  profile: Pick<ReportProfile, 'userId' | 'email'>,
  nowMs: number,
  build: (unsubscribeUrl: string) => EmailContent,
): Promise<boolean> {
  const envelope = reportEnvelope(deps, profile.userId, nowMs);
  const content = build(envelope.unsubscribeUrl);
  const result = await mailer.send({
    to: profile.email,
    ...content,
    headers: envelope.headers,
    ...(envelope.envelopeFrom ? { envelopeFrom: envelope.envelopeFrom } : {}),
  });
  const log = deps.log.child({ component: 'reports' });
  if (result.ok) log.info({ userId: profile.userId, subject: content.subject }, 'report email sent');
  else log.warn({ userId: profile.userId, subject: content.subject, error: result.error }, 'report email failed');
  return result.ok;
}
