import { ALL_CHECKS_TAG } from '../domain/badge-status.js';

/** A badge URL, parsed as Healthchecks' URL patterns match it (spec §6.1). */
export type BadgePath =
  | { kind: 'project'; badgeKey: string; signature: string; tag: string; format: string }
  | { kind: 'check'; states: number; badgeKey: string; format: string };

const SLUG = '[-a-zA-Z0-9_]+';
// Django's `quoted` converter admits [\w%~_.-]; Python's \w is Unicode-aware.
const TAG = '[\\p{L}\\p{N}_%~.-]+';
const PROJECT_BADGE = new RegExp(`^(${SLUG})/(${SLUG})(?:/(${TAG}))?\\.(${SLUG})$`, 'u');
const CHECK_BADGE = new RegExp(`^([0-9]+)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(${SLUG})$`);

/**
 * Python's unquote: runs of %XX become UTF-8 text (invalid bytes → U+FFFD), anything else,
 * malformed escapes included, stays as it is. Never throws.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8'));
}

/**
 * `rest` is the raw path after `/badge/`. The server decodes a path once before matching, and
 * the tag converter decodes the tag again: tags are generated percent-encoded twice.
 */
export function parseProjectBadgePath(rest: string): BadgePath | null {
  const m = PROJECT_BADGE.exec(percentDecode(rest));
  if (!m) return null;
  const [, badgeKey, signature, tag, format] = m as unknown as [string, string, string, string | undefined, string];
  return { kind: 'project', badgeKey, signature, tag: tag === undefined ? ALL_CHECKS_TAG : percentDecode(tag), format };
}

/** `rest` is the raw path after `/b/`: `<states>/<lowercase UUID>.<format>`. */
export function parseCheckBadgePath(rest: string): BadgePath | null {
  const m = CHECK_BADGE.exec(percentDecode(rest));
  if (!m) return null;
  const [, states, badgeKey, format] = m as unknown as [string, string, string, string];
  return { kind: 'check', states: Number(states), badgeKey, format };
}
