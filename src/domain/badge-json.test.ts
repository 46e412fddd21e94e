import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeJson, pythonJson, shieldsJson } from './badge-json.js';

test('writes JSON with Python json.dumps spacing and key order', () => {
  assert.equal(badgeJson({ status: 'up', total: 1, grace: 0, down: 0 }), '{"status": "up", "total": 1, "grace": 0, "down": 0}');
  assert.equal(shieldsJson('foo', 'up'), '{"schemaVersion": 1, "label": "foo", "message": "up", "color": "success"}');
});

test('maps statuses to shields.io colours', () => {
  const cases: Array<['up' | 'late' | 'down', string]> = [
    ['up', 'success'],
    ['late', 'important'],
    ['down', 'critical'],
  ];
  for (const [status, color] of cases)
    assert.equal((JSON.parse(shieldsJson('x', status)) as { color: string }).color, color, status);
});

test('escapes non-ASCII and DEL as \\uXXXX like ensure_ascii (reference output from Python)', () => {
  assert.equal(
    pythonJson({ schemaVersion: 1, label: 'Ünïcode 🚀 "q" \x7f', message: 'up', color: 'success' }),
    '{"schemaVersion": 1, "label": "\\u00dcn\\u00efcode \\ud83d\\ude80 \\"q\\" \\u007f", "message": "up", "color": "success"}',
  );
  assert.equal((JSON.parse(pythonJson({ label: 'a\nb\\c' })) as { label: string }).label, 'a\nb\\c');
});
