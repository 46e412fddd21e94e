import { badgeSignature, signatureForStates } from './badge-signature.js';
import { ALL_CHECKS_TAG, type BadgeStates } from './badge-status.js';
import type { BadgeFormat } from './badge-render.js';

/** One tag's badge URLs as the list-badges API returns them (spec §4.18), keys in that order. */
export interface BadgeUrls {
  svg: string;
  svg3: string;
  json: string;
  json3: string;
  shields: string;
  shields3: string;
}

/** Python's quote(text, safe=""): every UTF-8 byte outside [A-Za-z0-9_.~-] becomes %XX. */
export function pythonQuote(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The tag path segment: percent-encoded twice, as Django's quoted converter and then reverse()
 * produce it (`db@dc1` → `db%2540dc1`); the server decodes it twice.
 */
export function tagSegment(tag: string): string {
  return pythonQuote(tag).replaceAll('%', '%25');
}

/** `SITE_ROOT/badge/<key>/<sig>[-2]/<tag>.<fmt>`, or `…/<sig>[-2].<fmt>` for `*` (spec §6.1). */
export function projectBadgeUrl(
  siteRoot: string,
  secretKey: string,
  badgeKey: string,
  tag: string,
  format: BadgeFormat,
  states: BadgeStates,
): string {
  const signature = signatureForStates(badgeSignature(secretKey, badgeKey, tag), states);
  const key = pythonQuote(badgeKey);
  if (tag === ALL_CHECKS_TAG) return `${siteRoot}/badge/${key}/${signature}.${format}`;
  return `${siteRoot}/badge/${key}/${signature}/${tagSegment(tag)}.${format}`;
}

/** The six URLs of one tag: plain names are 2-state, `…3` names 3-state. */
export function badgeUrlsOf(siteRoot: string, secretKey: string, badgeKey: string, tag: string): BadgeUrls {
  const url = (format: BadgeFormat, states: BadgeStates) => projectBadgeUrl(siteRoot, secretKey, badgeKey, tag, format, states);
  return {
    svg: url('svg', 2),
    svg3: url('svg', 3),
    json: url('json', 2),
    json3: url('json', 3),
    shields: url('shields', 2),
    shields3: url('shields', 3),
  };
}

/** A check's own badge, `SITE_ROOT/b/<states>/<badge_key>.<fmt>`; the API's `badge_url` is the 2-state SVG. */
export function checkBadgeUrl(
  siteRoot: string,
  checkBadgeKey: string,
  format: BadgeFormat = 'svg',
  states: BadgeStates = 2,
): string {
  return `${siteRoot}/b/${states}/${checkBadgeKey}.${format}`;
}
