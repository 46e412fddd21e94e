import type { ComputedStatus } from '../domain/check.js';
import type { DowntimeRecord, ReportPeriod } from '../domain/downtime-stats.js';
import { downtimeCell, periodHeading, reportWhen } from './report-labels.js';
import { digestEmail, plural } from './report-text.js';

export interface ReportCheck {
  /** The name, or the UUID when the check has none. */
  name: string;
  status: ComputedStatus;
  /** One record per reported period, oldest first (the table's column order). */
  downtimes: readonly DowntimeRecord[];
}

export interface ReportProject {
  name: string;
  checks: readonly ReportCheck[];
}

export interface ReportInput {
  siteName: string;
  siteRoot: string;
  period: ReportPeriod;
  tz: string;
  /** Starts of the reported periods, oldest first. */
  boundaries: readonly number[];
  projects: readonly ReportProject[];
  unsubscribeUrl: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const statusLabel = (status: ComputedStatus) => (status === 'down' ? 'DOWN' : status);

/** Most downtime in the latest period first, then the earlier ones, then by name. */
function byDowntime(a: ReportCheck, b: ReportCheck): number {
  for (let i = a.downtimes.length - 1; i >= 0; i--) {
    const diff = (b.downtimes[i]?.durationMs ?? 0) - (a.downtimes[i]?.durationMs ?? 0);
    if (diff !== 0) return diff;
  }
  return a.name.localeCompare(b.name);
}

/** `In December, 2 checks had 3 downtime events.` — about the latest full period. */
export function reportSummary(input: Pick<ReportInput, 'period' | 'tz' | 'boundaries' | 'projects'>): string {
  const latest = input.boundaries.length - 1;
  const when = reportWhen(input.period, input.boundaries[latest] ?? 0, input.tz);
  let checks = 0;
  let events = 0;
  for (const project of input.projects) {
    for (const check of project.checks) {
      const count = check.downtimes[latest]?.count ?? 0;
      if (count > 0) checks += 1;
      events += count;
    }
  }
  if (checks === 0) return `${when}, no checks had downtimes. Nice!`;
  return `${when}, ${plural(checks, 'check')} had ${plural(events, 'downtime event')}.`;
}

/** The daily, weekly or monthly report (spec §8.4): per-check downtime for the last two periods. */
export function reportEmail(input: ReportInput): EmailContent {
  const periodWord = input.period;
  const subject = `${periodWord[0]!.toUpperCase()}${periodWord.slice(1)} Report`;
  const summary = reportSummary(input);
  const headings = ['Status', 'Name', ...input.boundaries.map((b) => periodHeading(input.period, b, input.tz))];
  const rowsOf = (project: ReportProject, separator: string) =>
    [...project.checks]
      .sort(byDowntime)
      .map((c) => [statusLabel(c.status), c.name, ...c.downtimes.map((d) => downtimeCell(d, separator))]);

  const tables = input.projects.map((p) => ({ name: p.name, textRows: rowsOf(p, '\n'), htmlRows: rowsOf(p, ' ') }));
  return digestEmail(input, subject, `a ${periodWord} report`, summary, headings, tables);
}
