import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nagEmail, type NagInput } from './nag-email.js';

const NOW = Date.UTC(2020, 0, 13, 2);

const input: NagInput = {
  siteName: 'Mychecks',
  siteRoot: 'https://checks.example.org',
  nagPeriodSeconds: 3_600,
  now: NOW,
  unsubscribeUrl: 'https://checks.example.org/accounts/unsubscribe_reports/x/',
  projects: [{ name: "Alice's Project", checks: [{ name: 'Foo', lastPingAt: NOW }] }],
};

test('an hourly reminder lists the down checks by project with their last ping', () => {
  const email = nagEmail(input);
  assert.equal(email.subject, 'Reminder: 1 check still down');
  assert.equal(
    email.text,
    [
      'Hello,',
      '',
      'This is an hourly reminder sent by Mychecks.',
      'One check is currently DOWN:',
      '',
      `Project "Alice's Project"`,
      '+--------+------+-----------+',
      '| Status | Name | Last Ping |',
      '+========+======+===========+',
      '| DOWN   | Foo  | now       |',
      '+--------+------+-----------+',
      '',
      '--',
      'Cheers,',
      'Mychecks',
      '',
    ].join('\n'),
  );
  assert.ok(email.html.includes('<h3>Alice&#x27;s Project</h3>'));
  assert.ok(email.html.includes('One check is currently DOWN:'));
});

test('several down checks: plural subject, sorted by name, Never for unpinged checks', () => {
  const email = nagEmail({
    ...input,
    nagPeriodSeconds: 86_400,
    projects: [
      { name: 'A', checks: [{ name: 'zeta', lastPingAt: NOW - 2 * 3_600_000 }] },
      {
        name: 'B',
        checks: [
          { name: 'beta', lastPingAt: null },
          { name: 'alpha', lastPingAt: NOW - 86_400_000 - 3_600_000 },
        ],
      },
    ],
  });
  assert.equal(email.subject, 'Reminder: 3 checks still down');
  assert.ok(email.text.includes('This is a daily reminder sent by Mychecks.\n3 checks are currently DOWN:'));
  const rows = email.text.split('\n').filter((l) => l.startsWith('| DOWN'));
  assert.deepEqual(rows, [
    '| DOWN   | zeta | 2 hours ago |',
    '| DOWN   | alpha | 1 day, 1 hour ago |',
    '| DOWN   | beta  | Never             |',
  ]);
});
