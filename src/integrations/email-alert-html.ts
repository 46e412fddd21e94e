import type { AlertFacts } from './email-alert-facts.js';
import { escapeHtml } from '../domain/escape-html.js';

const CELL = 'padding-right: 32px; padding-bottom: 8px; vertical-align: top;';
const CODE = 'background-color: #eeeeee; padding: 2px 4px; border-radius: 2px;';
const MUTED = 'color: #666666;';

const cell = (label: string, valueHtml: string) => `<td style="${CELL}"><b>${label}</b><br>${valueHtml}</td>`;
const lineBreaks = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

function detailRows(f: AlertFacts): string[] {
  const cells: string[] = [];
  if (f.project) cells.push(cell('Project', escapeHtml(f.project)));
  if (f.tags.length > 0) cells.push(cell('Tags', f.tags.map((t) => `<code style="${CODE}">${escapeHtml(t)}</code>`).join(' ')));
  for (const [label, value] of f.timing)
    cells.push(cell(label, label === 'Schedule' ? `<code>${escapeHtml(value)}</code>` : escapeHtml(value)));
  cells.push(cell('Total Pings', String(f.totalPings)));
  const ping = f.lastPing;
  if (ping) {
    const from = ping.remoteAddr ? `, from ${escapeHtml(ping.remoteAddr)}` : '';
    cells.push(cell('Last Ping', `${escapeHtml(ping.ago)}${from} (${escapeHtml(ping.via)})`));
    cells.push(cell('Last Ping Type', escapeHtml(ping.type)));
  }
  cells.push(cell('Status Changed', escapeHtml(f.changedAt)));
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 3) rows.push(`<tr>${cells.slice(i, i + 3).join('')}</tr>`);
  return rows;
}

function bodyHtml(f: AlertFacts): string[] {
  const parts: string[] = [];
  if (f.lastPing?.subject != null) parts.push(`<p><b>Last Ping Subject</b><br>${escapeHtml(f.lastPing.subject)}</p>`);
  if (f.body === 'attached') {
    parts.push('<p><b>Last Ping Body</b><br>The last ping was an email: it is attached as last-ping.eml.</p>');
  } else if (f.body) {
    const more = f.body.truncated ? ' [truncated]' : '';
    parts.push(
      '<p><b>Last Ping Body</b></p>',
      `<pre style="font-family: monospace; white-space: pre-wrap;">${escapeHtml(f.body.text)}${more}</pre>`,
    );
  }
  return parts;
}

function othersHtml(f: AlertFacts): string[] {
  if (!f.others) return [];
  const items = f.others.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  return [`<p>${escapeHtml(f.others.headline)}</p>`, ...(items ? [`<ul>${items}</ul>`] : [])];
}

/** The HTML body, after Healthchecks' `alert-body-html` template. */
export function alertHtml(f: AlertFacts): string {
  const unsubscribeLabel = f.project ? `Unsubscribe from &quot;${escapeHtml(f.project)}&quot; notifications` : 'Unsubscribe';
  return [
    '<!DOCTYPE html>',
    '<html><body>',
    `<p>&quot;${escapeHtml(f.name)}&quot; is ${f.word}. <a href="${escapeHtml(f.url)}">View on ${escapeHtml(f.siteName)}&hellip;</a></p>`,
    ...(f.sentence ? [`<p>${escapeHtml(f.sentence)}</p>`] : []),
    ...(f.desc ? [`<p><b>Description</b><br>${lineBreaks(f.desc)}</p>`] : []),
    `<table>${detailRows(f).join('')}</table>`,
    ...bodyHtml(f),
    ...othersHtml(f),
    `<p style="${MUTED}">&mdash;<br>${escapeHtml(f.siteName)}<br>`,
    `<a href="${escapeHtml(f.unsubscribeUrl)}" target="_blank" style="${MUTED} text-decoration: underline;">${unsubscribeLabel}</a></p>`,
    '</body></html>',
    '',
  ].join('\n');
}
