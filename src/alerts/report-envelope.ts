import type { Deps } from '../deps.js';
import { bounceAddress, readTimestamped, signBounceId, signTimestamped } from '../domain/bounce-id.js';

/** Kept apart from bounce IDs: a bounce address must not double as an unsubscribe link. */
const UNSUBSCRIBE_SALT = 'watchpost.reports-unsubscribe';

/** The token in a report's unsubscribe link: the user id, signed at `nowMs`. */
export function reportsUnsubscribeToken(userId: number, nowMs: number, secretKey: string): string {
  return signTimestamped(String(userId), nowMs, secretKey, UNSUBSCRIBE_SALT);
}

/**
 * The user id of an unsubscribe token, or null. No age limit: people unsubscribe from old
 * reports too, and the link can only ever turn reports off.
 */
export function readReportsUnsubscribeToken(token: string, secretKey: string): number | null {
  const read = readTimestamped(token, secretKey, UNSUBSCRIBE_SALT);
  return read && /^\d+$/.test(read.value) ? Number(read.value) : null;
}

export interface ReportEnvelope {
  unsubscribeUrl: string;
  headers: Record<string, string>;
  envelopeFrom?: string;
}

/**
 * Headers and envelope of a report or reminder (spec §8.4): `List-Unsubscribe` with one-click
 * POST, and, when EMAIL_MAIL_FROM_TMPL is set, a signed `r.<user id>` bounce ID as the envelope
 * sender so a hard bounce turns the reports off. Healthchecks signs the username; Watchpost
 * users have none, so the id stands in for it.
 */
export function reportEnvelope(deps: Pick<Deps, 'config' | 'secretKey'>, userId: number, nowMs: number): ReportEnvelope {
  const token = reportsUnsubscribeToken(userId, nowMs, deps.secretKey);
  const unsubscribeUrl = `${deps.config.siteRoot}/accounts/unsubscribe_reports/${token}/`;
  const envelope: ReportEnvelope = {
    unsubscribeUrl,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
  const template = deps.config.integrations.emailMailFromTemplate;
  if (template) envelope.envelopeFrom = bounceAddress(template, signBounceId(`r.${userId}`, nowMs, deps.secretKey));
  return envelope;
}
