import { readTimestamped, signTimestamped } from '../domain/bounce-id.js';

// Its own salt, so that neither a bounce ID nor any other signed string doubles as this token.
const SALT = 'watchpost.email-unsubscribe';

/**
 * The token of an alert email's unsubscribe link: `<hex unix seconds>.<16 hex>`, the
 * `signTimestamped` signature of the channel's code at `nowMs` with the code itself left out
 * (the URL already names it). The timestamp lets the page auto-submit links older than
 * 5 minutes (spec §9.8: mail scanners open fresh links, people click old ones).
 */
export function unsubscribeToken(channelCode: string, nowMs: number, secretKey: string): string {
  return signTimestamped(channelCode, nowMs, secretKey, SALT).slice(channelCode.length + 1);
}

/** `<SITE_ROOT>/integrations/<channel code>/unsub/<token>/`: the link in the footer and `List-Unsubscribe`. */
export function unsubscribeUrl(siteRoot: string, channelCode: string, nowMs: number, secretKey: string): string {
  return `${siteRoot}/integrations/${channelCode}/unsub/${unsubscribeToken(channelCode, nowMs, secretKey)}/`;
}

/** When a valid token for `channelCode` was signed; null for a bad or foreign token. Never expires. */
export function readUnsubscribeToken(channelCode: string, token: string, secretKey: string): { signedAtMs: number } | null {
  const read = readTimestamped(`${channelCode}.${token}`, secretKey, SALT);
  return read && read.value === channelCode ? { signedAtMs: read.signedAtMs } : null;
}
