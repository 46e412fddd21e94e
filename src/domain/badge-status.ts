import type { CheckTiming, ComputedStatus } from './check.js';
import { statusAt } from './status.js';
import { tagsList } from './tags.js';

/** What a badge shows (spec §6.2); `late` only ever appears on 3-state badges. */
export type BadgeStatus = 'up' | 'late' | 'down';

/** 2-state badges fold `grace` into `up`; 3-state badges show it as `late`. */
export type BadgeStates = 2 | 3;

/** The pseudo-tag of the whole-project badge. */
export const ALL_CHECKS_TAG = '*';

export interface BadgeSummary {
  status: BadgeStatus;
  total: number;
  grace: number;
  down: number;
}

/** A check as a badge sees it: its timing and its tags. */
export interface BadgeCheck extends CheckTiming {
  tags: string;
}

/**
 * Folds computed statuses into one badge (spec §6.2). Healthchecks' SVG view stops at the first
 * down check; the counts it skips are never shown in an SVG, so folding them all is equivalent.
 */
export function summarizeStatuses(statuses: Iterable<ComputedStatus>, states: BadgeStates): BadgeSummary {
  const summary: BadgeSummary = { status: 'up', total: 0, grace: 0, down: 0 };
  for (const status of statuses) {
    summary.total += 1;
    if (status === 'down') {
      summary.down += 1;
      summary.status = 'down';
    } else if (status === 'grace') {
      summary.grace += 1;
      if (summary.status === 'up' && states === 3) summary.status = 'late';
    }
  }
  return summary;
}

/** The checks a tag badge covers: an exact tag-list match, or every check for `*`. */
export function checksTagged<T extends { tags: string }>(checks: readonly T[], tag: string): T[] {
  if (tag === ALL_CHECKS_TAG) return [...checks];
  return checks.filter((check) => tagsList(check.tags).includes(tag));
}

/**
 * The badge of a project or tag at `now`. Badges never report "started": a running check shows
 * its underlying status until its grace runs out, then down (spec §2.3, with_started = false).
 */
export function summarizeBadge(checks: readonly BadgeCheck[], tag: string, now: number, states: BadgeStates): BadgeSummary {
  return summarizeStatuses(
    checksTagged(checks, tag).map((check) => statusAt(check, now, false)),
    states,
  );
}

/** A single check's badge: down, grace (late only in 3-state), anything else up (spec §6.2). */
export function summarizeCheckBadge(check: CheckTiming, now: number, states: BadgeStates): BadgeSummary {
  return summarizeStatuses([statusAt(check, now, false)], states);
}

/** `/b/<states>/…`: 3 means 3-state, any other number 2-state (spec §6.1). */
export function statesOfNumber(states: number): BadgeStates {
  return states === 3 ? 3 : 2;
}
