// cronsim and oncalendar split and strip with Python's notion of whitespace
// (str.isspace). JavaScript's \s differs: it includes U+FEFF and lacks
// U+001C–U+001F and U+0085, so `expr.trim().split(/\s+/)` would accept or
// reject a few expressions differently from Healthchecks.
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const RUN = new RegExp(`[${PY_SPACE}]+`);
const EDGES = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const LAST_RUN = new RegExp(`[${PY_SPACE}]+(?=[^${PY_SPACE}]*$)`);

/** Python's `s.strip()`. */
export function trimWhitespace(s: string): string {
  return s.replace(EDGES, '');
}

/** Python's `s.split()`: no empty items, whitespace runs collapse. */
export function splitOnWhitespace(s: string): string[] {
  const trimmed = trimWhitespace(s);
  return trimmed === '' ? [] : trimmed.split(RUN);
}

/** Python's `s.rsplit(maxsplit=1)` for an already stripped `s` with at least two words. */
export function splitLastWord(s: string): { head: string; last: string } | null {
  const match = LAST_RUN.exec(s);
  if (match === null || match.index === 0) return null;
  return { head: s.slice(0, match.index), last: s.slice(match.index + match[0].length) };
}
