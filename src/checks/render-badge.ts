import type { Deps } from '../deps.js';
import { checkBadgeLabel, projectBadgeLabel } from '../domain/badge-label.js';
import { isBadgeFormat, renderBadge, type RenderedBadge } from '../domain/badge-render.js';
import { isValidBadgeSignature, statesOfSignature } from '../domain/badge-signature.js';
import { ALL_CHECKS_TAG, statesOfNumber, summarizeBadge, summarizeCheckBadge } from '../domain/badge-status.js';
import { findCheckByBadgeKey, listBadgeChecks } from '../store/badges.js';

/**
 * A badge, or why there is none. `bad_format` and `bad_signature` are Healthchecks' explicit
 * not-found answers (they carry CORS headers); `unknown_check` is its generic 404 (they don't).
 */
export type BadgeAnswer = ({ kind: 'badge' } & RenderedBadge) | { kind: 'bad_format' | 'bad_signature' | 'unknown_check' };

type BadgeDeps = Pick<Deps, 'store' | 'clock' | 'config' | 'secretKey'>;

/** `/badge/<project badge_key>/<signature>[/<tag>].<format>` (spec §6.1–6.3); `tag` decoded. */
export async function renderProjectBadge(
  deps: BadgeDeps,
  url: { badgeKey: string; signature: string; tag: string; format: string },
): Promise<BadgeAnswer> {
  const { badgeKey, signature, tag, format } = url;
  if (!isBadgeFormat(format)) return { kind: 'bad_format' };
  if (!isValidBadgeSignature(deps.secretKey, badgeKey, tag, signature)) return { kind: 'bad_signature' };
  const checks = await listBadgeChecks(deps.store.db, badgeKey, tag === ALL_CHECKS_TAG ? null : tag);
  const summary = summarizeBadge(checks, tag, deps.clock.now(), statesOfSignature(signature));
  return { kind: 'badge', ...renderBadge(format, projectBadgeLabel(tag, deps.config.masterBadgeLabel), summary) };
}

/** `/b/<states>/<check badge_key>.<format>`: one check's badge, labelled with its name. */
export async function renderCheckBadge(
  deps: BadgeDeps,
  url: { states: number; badgeKey: string; format: string },
): Promise<BadgeAnswer> {
  if (!isBadgeFormat(url.format)) return { kind: 'bad_format' };
  const check = await findCheckByBadgeKey(deps.store.db, url.badgeKey);
  if (!check) return { kind: 'unknown_check' };
  const summary = summarizeCheckBadge(check, deps.clock.now(), statesOfNumber(url.states));
  return { kind: 'badge', ...renderBadge(url.format, checkBadgeLabel(check), summary) };
}
