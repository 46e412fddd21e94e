import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prometheusEscape } from './prometheus-escape.js';

test('label values escape backslash, double quote and newline only (spec item 190)', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['', ''],
    ['Line 1\nLine2', 'Line 1\\nLine2'],
    ['A\\C', 'A\\\\C'],
    ['say "hi"', 'say \\"hi\\"'],
    ['\\n is not a newline', '\\\\n is not a newline'],
    ['\\"', '\\\\\\"'],
    ['tab\there, cr\r, ünïcödé 🚀', 'tab\there, cr\r, ünïcödé 🚀'],
  ];
  for (const [input, expected] of cases) assert.equal(prometheusEscape(input), expected, JSON.stringify(input));
});
