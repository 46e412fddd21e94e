import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeSvg, textWidth } from './badge-svg.js';

// Rendered from Healthchecks' templates/badge.svg (label `foo`, status `up`) with Python.
const UPSTREAM_FOO_UP = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="52" height="20">
  <linearGradient id="smooth" x2="0" y2="100%">
    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
    <stop offset="1" stop-opacity=".1"/>
  </linearGradient>

  <mask id="round">
    <rect width="52" height="20" rx="3" fill="#fff"/>
  </mask>

  <g mask="url(#round)">
    <rect width="28" height="20" fill="#555"/>
    <rect x="28" width="24" height="20" fill="#4c1"/>
    <rect width="52" height="20" fill="url(#smooth)"/>
  </g>

  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11">
    <text x="14.0" y="15" fill="#010101" fill-opacity=".3">foo</text>
    <text x="14.0" y="14">foo</text>
    <text x="40.0" y="15" fill="#010101" fill-opacity=".3">up</text>
    <text x="40.0" y="14">up</text>
  </g>
</svg>
`;

test('renders the up badge byte for byte as Healthchecks does', () => {
  assert.equal(badgeSvg('foo', 'up'), UPSTREAM_FOO_UP);
});

test('measures text with the per-character table, 7 for anything else', () => {
  const cases: Array<[string, number]> = [
    ['', 0],
    ['foo', 18],
    ['up', 14],
    ['late', 21],
    ['down', 30],
    ['il1', 12],
    ['mwMW', 40],
    ['-_', 10],
    ['@ é', 21],
    ['🚀', 7], // one code point, not two UTF-16 units
    ['Ünïcode 🚀 W_x-1', 101],
  ];
  for (const [text, width] of cases) assert.equal(textWidth(text), width, text);
});

test('lays out the worked examples of spec §6.4', () => {
  const cases: Array<['up' | 'late' | 'down', number, string, string]> = [
    ['up', 52, '14.0', '40.0'],
    ['late', 59, '14.0', '43.5'],
    ['down', 68, '14.0', '48.0'],
  ];
  for (const [status, width, labelX, statusX] of cases) {
    const svg = badgeSvg('foo', status);
    assert.match(svg, new RegExp(`^<svg [^>]* width="${width}" height="20">`), status);
    assert.ok(svg.includes(`<text x="${labelX}" y="14">foo</text>`), status);
    assert.ok(svg.includes(`<text x="${statusX}" y="14">${status}</text>`), status);
  }
});

test('colours the status box by status', () => {
  assert.ok(badgeSvg('foo', 'up').includes('fill="#4c1"'));
  assert.ok(badgeSvg('foo', 'late').includes('fill="#fe7d37"'));
  assert.ok(badgeSvg('foo', 'down').includes('fill="#e05d44"'));
});

test('escapes the label as Django templates do, measuring the unescaped text', () => {
  const svg = badgeSvg(`Tom & Jerry's <db>`, 'late');
  assert.ok(svg.includes('width="159" height="20">'));
  assert.ok(svg.includes('<text x="64.0" y="14">Tom &amp; Jerry&#x27;s &lt;db&gt;</text>'));
  assert.ok(svg.includes('<text x="143.5" y="14">late</text>'));
  assert.ok(!svg.includes('<db>'));
});

test('keeps non-ASCII labels as text with half-pixel centres', () => {
  const svg = badgeSvg('Ünïcode 🚀 W_x-1', 'down');
  assert.ok(svg.includes('width="151" height="20">'));
  assert.ok(svg.includes('<text x="55.5" y="14">Ünïcode 🚀 W_x-1</text>'));
  assert.ok(svg.includes('<text x="131.0" y="14">down</text>'));
});
