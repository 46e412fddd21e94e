import type { ComputedStatus } from '../domain/check.js';
import { statusAt } from '../domain/status.js';
import { tagsList } from '../domain/tags.js';
import type { CheckSummary } from '../store/check-page-list.js';

/** The statuses the list filters on (spec §12): the computed ones plus "running". */
export const LIST_STATUSES = ['up', 'grace', 'down', 'paused', 'new', 'started'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** The list orders of spec §1.2 (`sort`), saved per user. */
export const CHECK_SORTS = ['created', 'name', '-name', 'last_ping', '-last_ping'] as const;
export type CheckSort = (typeof CHECK_SORTS)[number];

export const isCheckSort = (value: string): value is CheckSort => (CHECK_SORTS as readonly string[]).includes(value);
export const isListStatus = (value: string): value is ListStatus => (LIST_STATUSES as readonly string[]).includes(value);

export interface ListFilters {
  /** Every one must be among the check's tags. */
  tags: string[];
  /** Case-insensitive, in name, slug, UUID, tags and description. */
  search: string;
  /** Any one matches; none means all. */
  statuses: ListStatus[];
}

/** A check as the list shows it at one instant. */
export interface ListedCheck {
  check: CheckSummary;
  /** Computed (spec §2.3, without `started`): what the status icon shows. */
  status: Exclude<ComputedStatus, 'started'>;
  /** Running: a start signal without its completion yet (the spinner). */
  started: boolean;
  tags: string[];
}

export function listedCheck(check: CheckSummary, now: number): ListedCheck {
  return {
    check,
    status: statusAt(check, now) as ListedCheck['status'],
    started: check.lastStartAt !== null,
    tags: tagsList(check.tags),
  };
}

export function matchesFilters(listed: ListedCheck, filters: ListFilters): boolean {
  if (filters.tags.some((tag) => !listed.tags.includes(tag))) return false;
  if (filters.statuses.length > 0 && !filters.statuses.some((s) => (s === 'started' ? listed.started : s === listed.status)))
    return false;
  if (filters.search !== '') {
    const { name, slug, code, tags, desc } = listed.check;
    const haystack = `${name}\n${slug}\n${code}\n${tags}\n${desc}`.toLowerCase();
    if (!haystack.includes(filters.search.toLowerCase())) return false;
  }
  return true;
}

/** Natural order: "backup 9" before "backup 10", case-insensitive. */
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const orders: Record<CheckSort, (a: ListedCheck, b: ListedCheck) => number> = {
  created: (a, b) => a.check.createdAt - b.check.createdAt,
  name: (a, b) => natural.compare(a.check.name, b.check.name),
  '-name': (a, b) => natural.compare(b.check.name, a.check.name),
  // Never pinged counts from its creation, as Healthchecks sorts.
  last_ping: (a, b) => (b.check.lastPingAt ?? b.check.createdAt) - (a.check.lastPingAt ?? a.check.createdAt),
  '-last_ping': (a, b) => (a.check.lastPingAt ?? a.check.createdAt) - (b.check.lastPingAt ?? b.check.createdAt),
};

/** Down checks first whatever the order (spec §12), then the chosen order; stable for ties. */
export function sortChecks(checks: ListedCheck[], sort: CheckSort): ListedCheck[] {
  const order = orders[sort];
  return checks.sort((a, b) => Number(b.status === 'down') - Number(a.status === 'down') || order(a, b));
}

/** A tag filter button: how its checks are doing (spec §12 "N up" / "M of N down"). */
export interface TagSummary {
  tag: string;
  total: number;
  down: number;
  grace: number;
}

export function tagSummaries(checks: readonly ListedCheck[]): TagSummary[] {
  const byTag = new Map<string, TagSummary>();
  for (const listed of checks) {
    for (const tag of listed.tags) {
      let summary = byTag.get(tag);
      if (!summary) byTag.set(tag, (summary = { tag, total: 0, down: 0, grace: 0 }));
      summary.total++;
      if (listed.status === 'down') summary.down++;
      if (listed.status === 'grace') summary.grace++;
    }
  }
  return [...byTag.values()].sort((a, b) => natural.compare(a.tag, b.tag));
}

/** Slugs used by more than one check: their slug URLs are ambiguous (spec §12 "(not unique)"). */
export function duplicateSlugs(checks: readonly CheckSummary[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { slug } of checks) {
    if (slug === '') continue;
    if (seen.has(slug)) twice.add(slug);
    seen.add(slug);
  }
  return twice;
}
