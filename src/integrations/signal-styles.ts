/**
 * Signal text styles (spec Appendix A): Signal messages are plain text plus style ranges, so
 * messages are written with `<b>` and `<code>` markup and converted here.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Unescapes the character references a message's escaped values may contain. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** Escapes a value for `extractSignalStyles` markup. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const TAG_STYLES: Readonly<Record<string, string>> = { b: 'BOLD', code: 'MONOSPACE' };

/**
 * `<b>foo</b> bar` → `foo bar` with `["0:3:BOLD"]`. Only `<b>` and `<code>`, not nested.
 * Offsets count UTF-16 code units, which is how signal-cli (Java) and the Signal protocol measure
 * text; Healthchecks counts code points, which shifts ranges after an emoji.
 */
export function extractSignalStyles(markup: string): { text: string; styles: string[] } {
  let text = '';
  const styles: string[] = [];
  let openedAt = 0;
  for (const part of markup.split(/(<\/?(?:b|code)>)/)) {
    const tag = /^<(\/?)(b|code)>$/.exec(part);
    if (!tag) {
      text += unescapeHtml(part);
    } else if (tag[1] === '') {
      openedAt = text.length;
    } else {
      styles.push(`${openedAt}:${text.length - openedAt}:${TAG_STYLES[tag[2]!]}`);
    }
  }
  return { text, styles };
}
