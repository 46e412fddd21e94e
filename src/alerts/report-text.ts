import { escapeHtml } from '../domain/escape-html.js';
/** Plain-text and HTML building blocks shared by the report and nag emails. */

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Healthchecks' text-email tables (its `asciitable` template tag): columns as wide as their
 * widest line, the header row underlined with `=`, and cells that span several lines.
 */
export function asciiTable(rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map((cell) => cell.split('\n')));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((lines, i) => {
      widths[i] = Math.max(widths[i] ?? 0, ...lines.map((l) => l.length));
    });
  }
  const separator = `+-${widths.map((w) => '-'.repeat(w)).join('-+-')}-+`;
  const out = [separator];
  cells.forEach((row, index) => {
    const height = Math.max(1, ...row.map((lines) => lines.length));
    for (let line = 0; line < height; line++) {
      out.push(`| ${widths.map((w, i) => (row[i]?.[line] ?? '').padEnd(w)).join(' | ')} |`);
    }
    out.push(index === 0 ? separator.replace(/-/g, '=') : separator);
  });
  return out.join('\n');
}

/** An HTML table with a header row; cell text is escaped here, so callers pass plain text. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (tag: 'th' | 'td', text: string) =>
    `<${tag} style="text-align: left; padding: 4px 12px 4px 0; vertical-align: top;">${escapeHtml(text).replace(/\n/g, '<br>')}</${tag}>`;
  const head = `<tr>${header.map((h) => cell('th', h)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('\n');
  return `<table cellpadding="0" cellspacing="0" style="border-collapse: collapse; margin-bottom: 16px;">\n${head}\n${body}\n</table>`;
}

/** The HTML email frame: the message, a sign-off, and the unsubscribe link reports must carry. */
export function htmlEmail(siteName: string, bodyHtml: string, unsubscribeUrl: string): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.4; color: #333333;">',
    bodyHtml,
    `<p>Cheers,<br>The ${escapeHtml(siteName)} Team</p>`,
    `<p style="font-size: 12px;"><a href="${escapeHtml(unsubscribeUrl)}" style="color: #666666;">Unsubscribe</a></p>`,
    '</body></html>',
  ].join('\n');
}

export interface DigestTable {
  name: string;
  /** Rows as the text table shows them, and as the HTML one does (cells may break lines differently). */
  textRows: readonly (readonly string[])[];
  htmlRows: readonly (readonly string[])[];
}

/**
 * The shape reports and reminders share: a greeting, `This is <what> sent by <site>.` and a
 * headline, one table per project, and the sign-off; as plain text and as HTML.
 */
export function digestEmail(
  site: { siteName: string; siteRoot: string; unsubscribeUrl: string },
  subject: string,
  what: string,
  headline: string,
  headings: readonly string[],
  tables: readonly DigestTable[],
): { subject: string; text: string; html: string } {
  const text = [
    'Hello,',
    '',
    `This is ${what} sent by ${site.siteName}.`,
    headline,
    ...tables.flatMap((t) => ['', `Project "${t.name}"`, asciiTable([headings, ...t.textRows])]),
    '',
    '--',
    'Cheers,',
    site.siteName,
    '',
  ].join('\n');
  const body = [
    '<p>Hello,</p>',
    `<p>This is ${what} sent by <a href="${escapeHtml(site.siteRoot)}">${escapeHtml(site.siteName)}</a>.<br>`,
    `${escapeHtml(headline)}</p>`,
    ...tables.map((t) => `<h3>${escapeHtml(t.name)}</h3>\n${htmlTable(headings, t.htmlRows)}`),
  ].join('\n');
  return { subject, text, html: htmlEmail(site.siteName, body, site.unsubscribeUrl) };
}
