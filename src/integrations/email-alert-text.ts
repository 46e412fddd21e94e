import type { AlertFacts } from './email-alert-facts.js';

const section = (title: string) => ['', `${title}:`, '-'.repeat(title.length + 1)];

/** The plain-text body, laid out as Healthchecks' `alert-body-text` template. */
export function alertText(f: AlertFacts): string {
  const lines = [`The check "${f.name}" has gone ${f.status}.`];
  if (f.sentence) lines.push(f.sentence);
  lines.push('', `View on ${f.siteName}:`, f.url);
  if (f.desc) lines.push(...section('Description'), f.desc);

  lines.push(...section('Details'));
  if (f.project) lines.push(`Project: ${f.project}`);
  if (f.tags.length > 0) lines.push(`Tags: ${f.tags.join(' ')}`);
  for (const [label, value] of f.timing) lines.push(`${label}: ${value}`);
  lines.push(`Total pings: ${f.totalPings}`);
  const ping = f.lastPing;
  if (ping) {
    lines.push(`Last ping: ${ping.ago}${ping.remoteAddr ? `, from ${ping.remoteAddr}` : ''} (${ping.via})`);
    lines.push(`Last ping type: ${ping.type}`);
    if (ping.subject !== null) lines.push(`Last ping subject: ${ping.subject}`);
  }
  lines.push(`Status changed: ${f.changedAt}`);

  if (f.body === 'attached') {
    lines.push(...section('Last Ping Body'), 'The last ping was an email: it is attached as last-ping.eml.');
  } else if (f.body) {
    lines.push(...section('Last Ping Body'), f.body.text);
    if (f.body.truncated) lines.push('[truncated]');
  }

  if (f.others) lines.push(...section('Other Checks'), f.others.headline, ...f.others.lines.map((l) => `* ${l}`));

  lines.push('', '--', `Unsubscribe: ${f.unsubscribeUrl}`, `Regards, ${f.siteName}`);
  return `${lines.join('\n')}\n`;
}
