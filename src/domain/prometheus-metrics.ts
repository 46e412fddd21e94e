import type { CheckTiming, ComputedStatus } from './check.js';
import { prometheusEscape } from './prometheus-escape.js';
import { statusAt } from './status.js';
import { tagsList } from './tags.js';
import { uniqueKey } from './unique-key.js';

/** What the per-project metrics read of a check. */
export interface MetricsCheck extends CheckTiming {
  code: string;
  name: string;
  tags: string;
}

const flag = (yes: boolean): number => (yes ? 1 : 0);

/** Python's sorted() orders by code point; JS's default sort by UTF-16 unit differs past U+FFFF. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Per distinct tag, whether every check carrying it is up (any non-down status counts as up). */
function tagsUp(rows: ReadonlyArray<{ tags: string; status: ComputedStatus }>): Map<string, boolean> {
  const up = new Map<string, boolean>();
  for (const row of rows) for (const tag of tagsList(row.tags)) up.set(tag, (up.get(tag) ?? true) && row.status !== 'down');
  return up;
}

function gauge(name: string, help: string, samples: readonly string[]): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${samples.join('')}`;
}

/**
 * The per-project Prometheus text of spec §11.1, byte for byte as Healthchecks writes it
 * (names, HELP texts, `, `-separated labels, blank lines between groups), with every status
 * computed at one `now` and without the started state, which has its own gauge.
 */
export function prometheusMetrics(checks: readonly MetricsCheck[], now: number): string {
  const rows = checks.map((check) => ({
    labels: `name="${prometheusEscape(check.name)}", tags="${prometheusEscape(check.tags)}", unique_key="${uniqueKey(check.code)}"`,
    tags: check.tags,
    status: statusAt(check, now, false),
    started: check.lastStartAt !== null,
  }));
  const perCheck = (name: string, value: (row: (typeof rows)[number]) => boolean) =>
    rows.map((row) => `${name}{${row.labels}} ${flag(value(row))}\n`);
  const tags = tagsUp(rows);
  const down = rows.filter((row) => row.status === 'down').length;
  return [
    gauge(
      'hc_check_up',
      'Whether the check is currently up (1 for yes, 0 for no).',
      perCheck('hc_check_up', (row) => row.status !== 'down'),
    ),
    gauge(
      'hc_check_started',
      'Whether the check is currently started (1 for yes, 0 for no).',
      perCheck('hc_check_started', (row) => row.started),
    ),
    gauge(
      'hc_check_grace',
      'Whether the check is currently in the grace period (1 for yes, 0 for no).',
      perCheck('hc_check_grace', (row) => row.status === 'grace'),
    ),
    gauge(
      'hc_check_paused',
      'Whether the check is currently paused (1 for yes, 0 for no).',
      perCheck('hc_check_paused', (row) => row.status === 'paused'),
    ),
    gauge(
      'hc_tag_up',
      'Whether all checks with this tag are up (1 for yes, 0 for no).',
      [...tags]
        .sort(([a], [b]) => byCodePoint(a, b))
        .map(([tag, up]) => `hc_tag_up{tag="${prometheusEscape(tag)}"} ${flag(up)}\n`),
    ),
    gauge('hc_checks_total', 'The total number of checks.', [`hc_checks_total ${rows.length}\n`]),
    gauge('hc_checks_down_total', 'The number of checks currently down.', [`hc_checks_down_total ${down}\n`]),
  ].join('\n');
}
