import type { BadgeStatus } from './badge-status.js';
import { escapeHtml } from './escape-html.js';

/** Healthchecks' per-character width estimate for 11px Verdana (spec §6.4); others count 7. */
// prettier-ignore -- the table reads as the spec prints it
const CHAR_WIDTHS: Readonly<Record<string, number>> = {
  a: 7,
  b: 7,
  c: 6,
  d: 7,
  e: 6,
  f: 4,
  g: 7,
  h: 7,
  i: 3,
  j: 3,
  k: 7,
  l: 3,
  m: 10,
  n: 7,
  o: 7,
  p: 7,
  q: 7,
  r: 4,
  s: 6,
  t: 5,
  u: 7,
  v: 7,
  w: 9,
  x: 6,
  y: 7,
  z: 7,
  0: 7,
  1: 6,
  2: 7,
  3: 7,
  4: 7,
  5: 7,
  6: 7,
  7: 7,
  8: 7,
  9: 7,
  A: 8,
  B: 7,
  C: 8,
  D: 8,
  E: 7,
  F: 6,
  G: 9,
  H: 8,
  I: 3,
  J: 4,
  K: 7,
  L: 6,
  M: 10,
  N: 8,
  O: 9,
  P: 6,
  Q: 9,
  R: 7,
  S: 7,
  T: 7,
  U: 8,
  V: 8,
  W: 11,
  X: 7,
  Y: 7,
  Z: 7,
  '-': 4,
  _: 6,
};
const DEFAULT_CHAR_WIDTH = 7;

export const BADGE_COLORS: Readonly<Record<BadgeStatus, string>> = { up: '#4c1', late: '#fe7d37', down: '#e05d44' };

/** Estimated text width in pixels; counts code points, as Python iterates a str. */
export function textWidth(text: string): number {
  let total = 0;
  for (const char of text) total += CHAR_WIDTHS[char] ?? DEFAULT_CHAR_WIDTH;
  return total;
}

/** Python's str() of a float: always a decimal point, never a comma (`14.0`, `43.5`). */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** The flat two-box badge of spec §6.4, byte for byte as Healthchecks renders it. */
export function badgeSvg(label: string, status: BadgeStatus): string {
  const w1 = textWidth(label) + 10;
  const w2 = textWidth(status) + 10;
  const width = w1 + w2;
  const labelX = pythonFloat(w1 / 2);
  const statusX = pythonFloat(w1 + w2 / 2);
  const l = escapeHtml(label);
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="20">
  <linearGradient id="smooth" x2="0" y2="100%">
    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
    <stop offset="1" stop-opacity=".1"/>
  </linearGradient>

  <mask id="round">
    <rect width="${width}" height="20" rx="3" fill="#fff"/>
  </mask>

  <g mask="url(#round)">
    <rect width="${w1}" height="20" fill="#555"/>
    <rect x="${w1}" width="${w2}" height="20" fill="${BADGE_COLORS[status]}"/>
    <rect width="${width}" height="20" fill="url(#smooth)"/>
  </g>

  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11">
    <text x="${labelX}" y="15" fill="#010101" fill-opacity=".3">${l}</text>
    <text x="${labelX}" y="14">${l}</text>
    <text x="${statusX}" y="15" fill="#010101" fill-opacity=".3">${status}</text>
    <text x="${statusX}" y="14">${status}</text>
  </g>
</svg>
`;
}
