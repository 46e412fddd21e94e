import { naturalTime } from '../integrations/message-parts.js';
import type { EmailContent } from './report-email.js';
import { digestEmail, plural } from './report-text.js';

export interface NagCheck {
  /** The name, or the UUID when the check has none. */
  name: string;
  lastPingAt: number | null;
}

export interface NagProject {
  name: string;
  checks: readonly NagCheck[];
}

export interface NagInput {
  siteName: string;
  siteRoot: string;
  nagPeriodSeconds: number;
  now: number;
  /** Projects with at least one down check, and only their down checks. */
  projects: readonly NagProject[];
  unsubscribeUrl: string;
}

function cadence(nagPeriodSeconds: number): string {
  if (nagPeriodSeconds === 3_600) return 'an hourly reminder';
  if (nagPeriodSeconds === 86_400) return 'a daily reminder';
  return 'a reminder';
}

/** The reminder of spec §8.4: every check that is still down, by project, with its last ping. */
export function nagEmail(input: NagInput): EmailContent {
  const numDown = input.projects.reduce((n, p) => n + p.checks.length, 0);
  const subject = `Reminder: ${plural(numDown, 'check')} still down`;
  const headline = numDown === 1 ? 'One check is currently DOWN:' : `${numDown} checks are currently DOWN:`;
  const rowsOf = (project: NagProject) =>
    [...project.checks]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ['DOWN', c.name, c.lastPingAt === null ? 'Never' : naturalTime(c.lastPingAt, input.now)]);
  const headings = ['Status', 'Name', 'Last Ping'];

  const tables = input.projects.map((p) => ({ name: p.name, textRows: rowsOf(p), htmlRows: rowsOf(p) }));
  return digestEmail(input, subject, cadence(input.nagPeriodSeconds), headline, headings, tables);
}
