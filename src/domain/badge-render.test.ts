import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBadgeLabel, projectBadgeLabel } from './badge-label.js';
import { isBadgeFormat, renderBadge } from './badge-render.js';

test('accepts exactly the svg, json and shields formats', () => {
  for (const f of ['svg', 'json', 'shields']) assert.equal(isBadgeFormat(f), true, f);
  for (const f of ['SVG', 'png', 'jsonfoo', 'shield', '']) assert.equal(isBadgeFormat(f), false, f);
});

test('renders each format with its content type', () => {
  const s = { status: 'late', total: 2, grace: 1, down: 0 } as const;
  assert.equal(renderBadge('svg', 'foo', s).contentType, 'image/svg+xml');
  assert.ok(renderBadge('svg', 'foo', s).body.includes('#fe7d37'));
  assert.deepEqual(renderBadge('json', 'foo', s), {
    contentType: 'application/json',
    body: '{"status": "late", "total": 2, "grace": 1, "down": 0}',
  });
  assert.deepEqual(JSON.parse(renderBadge('shields', 'foo', s).body), {
    schemaVersion: 1,
    label: 'foo',
    message: 'late',
    color: 'important',
  });
});

test('labels: the tag, the master label for *, the check name or its UUID', () => {
  assert.equal(projectBadgeLabel('foo', 'Mychecks'), 'foo');
  assert.equal(projectBadgeLabel('*', 'Mychecks'), 'Mychecks');
  assert.equal(checkBadgeLabel({ name: 'foobar', code: 'c0de' }), 'foobar');
  assert.equal(checkBadgeLabel({ name: '', code: 'c0de' }), 'c0de');
});
