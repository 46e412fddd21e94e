import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prometheusMetrics, type MetricsCheck } from './prometheus-metrics.js';
import { uniqueKey } from './unique-key.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
let serial = 0;

const check = (over: Partial<MetricsCheck> = {}): MetricsCheck => ({
  code: `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
  name: 'Backups',
  tags: '',
  kind: 'simple',
  timeoutSeconds: 600,
  graceSeconds: 600,
  schedule: '* * * * *',
  tz: 'UTC',
  status: 'up',
  lastPingAt: NOW,
  lastStartAt: null,
  ...over,
});

/** The sample values of one metric, in output order. */
function values(text: string, metric: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .map((line) => line.slice(line.lastIndexOf(' ') + 1));
}

test('an empty project still lists every metric family, with zero totals', () => {
  assert.equal(
    prometheusMetrics([], NOW),
    [
      '# HELP hc_check_up Whether the check is currently up (1 for yes, 0 for no).',
      '# TYPE hc_check_up gauge',
      '',
      '# HELP hc_check_started Whether the check is currently started (1 for yes, 0 for no).',
      '# TYPE hc_check_started gauge',
      '',
      '# HELP hc_check_grace Whether the check is currently in the grace period (1 for yes, 0 for no).',
      '# TYPE hc_check_grace gauge',
      '',
      '# HELP hc_check_paused Whether the check is currently paused (1 for yes, 0 for no).',
      '# TYPE hc_check_paused gauge',
      '',
      '# HELP hc_tag_up Whether all checks with this tag are up (1 for yes, 0 for no).',
      '# TYPE hc_tag_up gauge',
      '',
      '# HELP hc_checks_total The total number of checks.',
      '# TYPE hc_checks_total gauge',
      'hc_checks_total 0',
      '',
      '# HELP hc_checks_down_total The number of checks currently down.',
      '# TYPE hc_checks_down_total gauge',
      'hc_checks_down_total 0',
      '',
    ].join('\n'),
  );
});

test('each status sets the per-check gauges as Healthchecks does (spec item 191)', () => {
  const cases: Array<[string, Partial<MetricsCheck>, { up: string; started: string; grace: string; paused: string }]> = [
    ['new', { status: 'new', lastPingAt: null }, { up: '1', started: '0', grace: '0', paused: '0' }],
    ['up', {}, { up: '1', started: '0', grace: '0', paused: '0' }],
    ['in grace, 15 min after a ping', { lastPingAt: NOW - 15 * MIN }, { up: '1', started: '0', grace: '1', paused: '0' }],
    ['late past grace', { lastPingAt: NOW - 25 * MIN }, { up: '0', started: '0', grace: '0', paused: '0' }],
    ['stored down', { status: 'down' }, { up: '0', started: '0', grace: '0', paused: '0' }],
    ['paused', { status: 'paused' }, { up: '1', started: '0', grace: '0', paused: '1' }],
    ['running', { lastStartAt: NOW - MIN }, { up: '1', started: '1', grace: '0', paused: '0' }],
    [
      'new and running',
      { status: 'new', lastPingAt: null, lastStartAt: NOW - MIN },
      { up: '1', started: '1', grace: '0', paused: '0' },
    ],
    ['paused and running', { status: 'paused', lastStartAt: NOW - MIN }, { up: '1', started: '1', grace: '0', paused: '1' }],
    ['running past its grace', { lastStartAt: NOW - 11 * MIN }, { up: '0', started: '1', grace: '0', paused: '0' }],
  ];
  for (const [name, over, expected] of cases) {
    const text = prometheusMetrics([check(over)], NOW);
    const actual = {
      up: values(text, 'hc_check_up')[0],
      started: values(text, 'hc_check_started')[0],
      grace: values(text, 'hc_check_grace')[0],
      paused: values(text, 'hc_check_paused')[0],
    };
    assert.deepEqual(actual, expected, name);
    assert.deepEqual(values(text, 'hc_checks_down_total'), [expected.up === '0' ? '1' : '0'], name);
  }
});

test('labels carry the escaped name and tags and the unique key, never the UUID', () => {
  const c = check({ name: 'Line 1\nLine2 "quoted"', tags: 'A\\C b' });
  const text = prometheusMetrics([c], NOW);
  assert.ok(
    text.includes(`hc_check_up{name="Line 1\\nLine2 \\"quoted\\"", tags="A\\\\C b", unique_key="${uniqueKey(c.code)}"} 1\n`),
    text,
  );
  assert.ok(text.includes('hc_tag_up{tag="A\\\\C"} 1\nhc_tag_up{tag="b"} 1\n'), text);
  assert.ok(!text.includes(c.code));
});

test('a tag is up only while none of its checks is down; grace and paused count as up', () => {
  const text = prometheusMetrics(
    [
      check({ tags: 'db web', lastPingAt: NOW - 15 * MIN }),
      check({ tags: 'web  ops', status: 'down' }),
      check({ tags: 'ops', status: 'paused' }),
      check({ tags: 'cron', status: 'new', lastPingAt: null }),
    ],
    NOW,
  );
  assert.ok(
    text.includes('hc_tag_up{tag="cron"} 1\nhc_tag_up{tag="db"} 1\nhc_tag_up{tag="ops"} 0\nhc_tag_up{tag="web"} 0\n\n'),
    text,
  );
  assert.deepEqual(values(text, 'hc_checks_total'), ['4']);
  assert.deepEqual(values(text, 'hc_checks_down_total'), ['1']);
});

test('tags sort by code point, as Python sorts them', () => {
  const text = prometheusMetrics([check({ tags: '\u{ff5e} \u{1f680} b B' })], NOW);
  const order = text.split('\n').filter((line) => line.startsWith('hc_tag_up{'));
  assert.deepEqual(order, [
    'hc_tag_up{tag="B"} 1',
    'hc_tag_up{tag="b"} 1',
    'hc_tag_up{tag="\u{ff5e}"} 1',
    'hc_tag_up{tag="\u{1f680}"} 1',
  ]);
});

test('checks keep the order they are given in every per-check family', () => {
  const checks = [check({ name: 'first' }), check({ name: 'second' }), check({ name: 'third' })];
  const text = prometheusMetrics(checks, NOW);
  for (const metric of ['hc_check_up', 'hc_check_started', 'hc_check_grace', 'hc_check_paused']) {
    const names = text
      .split('\n')
      .filter((line) => line.startsWith(`${metric}{`))
      .map((line) => /name="([^"]*)"/.exec(line)![1]);
    assert.deepEqual(names, ['first', 'second', 'third'], metric);
  }
});
