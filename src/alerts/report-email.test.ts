import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportEmail, reportSummary, type ReportInput } from './report-email.js';

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const H = 3_600_000;

const input: ReportInput = {
  siteName: 'Mychecks',
  siteRoot: 'https://checks.example.org',
  period: 'monthly',
  tz: 'UTC',
  boundaries: [utc(2019, 11, 1), utc(2019, 12, 1)],
  unsubscribeUrl: 'https://checks.example.org/accounts/unsubscribe_reports/x/',
  projects: [
    {
      name: 'Alice & Co',
      checks: [
        {
          name: 'Quiet',
          status: 'up',
          downtimes: [
            { boundary: utc(2019, 11, 1), noData: true, durationMs: 0, count: 0 },
            { boundary: utc(2019, 12, 1), noData: false, durationMs: 0, count: 0 },
          ],
        },
        {
          name: '<Backup>',
          status: 'down',
          downtimes: [
            { boundary: utc(2019, 11, 1), noData: false, durationMs: 0, count: 0 },
            { boundary: utc(2019, 12, 1), noData: false, durationMs: 2 * H, count: 2 },
          ],
        },
      ],
    },
  ],
};

test('the monthly report: subject, summary line and one table per project, most downtime first', () => {
  const email = reportEmail(input);
  assert.equal(email.subject, 'Monthly Report');
  assert.equal(
    email.text,
    [
      'Hello,',
      '',
      'This is a monthly report sent by Mychecks.',
      'In December, 1 check had 2 downtime events.',
      '',
      'Project "Alice & Co"',
      '+--------+----------+-----------+-----------------+',
      '| Status | Name     | Nov. 2019 | Dec. 2019       |',
      '+========+==========+===========+=================+',
      '| DOWN   | <Backup> | All good! | 2 downtimes,    |',
      '|        |          |           | 2 h 0 min total |',
      '+--------+----------+-----------+-----------------+',
      '| up     | Quiet    |           | All good!       |',
      '+--------+----------+-----------+-----------------+',
      '',
      '--',
      'Cheers,',
      'Mychecks',
      '',
    ].join('\n'),
  );
});

test('the HTML report escapes names and links the unsubscribe page', () => {
  const { html } = reportEmail(input);
  assert.ok(html.includes('<h3>Alice &amp; Co</h3>'));
  assert.ok(html.includes('&lt;Backup&gt;'));
  assert.ok(!html.includes('<Backup>'));
  assert.ok(html.includes('2 downtimes, 2 h 0 min total'));
  assert.ok(html.includes('In December, 1 check had 2 downtime events.'));
  assert.ok(html.includes('href="https://checks.example.org/accounts/unsubscribe_reports/x/"'));
  assert.ok(html.includes('The Mychecks Team'));
});

test('a period without downtime gets the "Nice!" summary; weekly and daily subjects', () => {
  const quiet = { ...input, projects: [{ name: 'P', checks: [input.projects[0]!.checks[0]!] }] };
  assert.equal(reportSummary(quiet), 'In December, no checks had downtimes. Nice!');
  const weekly = reportEmail({ ...quiet, period: 'weekly', boundaries: [utc(2019, 12, 30), utc(2020, 1, 6)] });
  assert.equal(weekly.subject, 'Weekly Report');
  assert.ok(weekly.text.includes('This is a weekly report sent by Mychecks.'));
  assert.ok(weekly.text.includes('Last week (January 6 to January 12), no checks had downtimes. Nice!'));
  assert.ok(weekly.text.includes('| Dec 30 - Jan 5 | Jan 6 - Jan 12 |'));
  assert.equal(reportEmail({ ...quiet, period: 'daily' }).subject, 'Daily Report');
});
