import type { BadgeStatus, BadgeSummary } from './badge-status.js';

/** shields.io endpoint colours per status (spec §6.3). */
export const SHIELDS_COLORS: Readonly<Record<BadgeStatus, string>> = { up: 'success', late: 'important', down: 'critical' };

/**
 * JSON as Python's json.dumps writes it (`", "` and `": "` separators, non-ASCII as `\uXXXX`),
 * so a badge body is byte-identical to Healthchecks'. Flat objects of strings and integers only.
 */
export function pythonJson(record: Readonly<Record<string, string | number>>): string {
  const ascii = (text: string) =>
    JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const entries = Object.entries(record).map(
    ([key, value]) => `${ascii(key)}: ${typeof value === 'string' ? ascii(value) : String(value)}`,
  );
  return `{${entries.join(', ')}}`;
}

/** `.json` badges: the summary itself, keys in Healthchecks' order. */
export function badgeJson(summary: BadgeSummary): string {
  return pythonJson({ status: summary.status, total: summary.total, grace: summary.grace, down: summary.down });
}

/** `.shields` badges: a shields.io endpoint document (https://shields.io/badges/endpoint-badge). */
export function shieldsJson(label: string, status: BadgeStatus): string {
  return pythonJson({ schemaVersion: 1, label, message: status, color: SHIELDS_COLORS[status] });
}
