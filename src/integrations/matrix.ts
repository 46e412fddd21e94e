import { randomUUID } from 'node:crypto';
import { requiredString } from './config-fields.js';
import { htmlHeadline, statusLine } from './chat-html.js';
import { escapeHtml } from '../domain/escape-html.js';
import { linkedOtherChecks } from './chat-other-checks.js';
import { defineIntegration, failed, type IntegrationIo, deliveryOf } from './integration.js';
import { checkName, lastPingText, longDuration, pingBodyText, tagList, totalPings } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

export function matrixPlainBody(ctx: NotificationContext): string {
  return statusLine(ctx, checkName(ctx.check));
}

export function matrixHtmlBody(ctx: NotificationContext, siteRoot: string): string {
  const { check } = ctx;
  const lines = [`${htmlHeadline(ctx, siteRoot)}<br>`, '<br>'];
  if (ctx.project.name) lines.push(`<b>Project:</b> ${escapeHtml(ctx.project.name)}<br>`);
  const tags = tagList(check);
  if (tags.length > 0) lines.push(`<b>Tags:</b> ${tags.map((t) => `<code>${escapeHtml(t)}</code>`).join(' ')}<br>`);
  if (check.kind === 'simple') {
    lines.push(`<b>Period:</b> ${longDuration(check.timeoutSeconds)}<br>`);
  } else {
    lines.push(
      `<b>Schedule:</b> <code>${escapeHtml(check.schedule)}</code><br>`,
      `<b>Time Zone:</b> ${escapeHtml(check.tz)}<br>`,
    );
  }
  lines.push(`<b>Total Pings:</b> ${totalPings(ctx)}<br>`, `<b>Last Ping:</b> ${lastPingText(ctx)}<br>`);
  const body = pingBodyText(ctx.lastPing);
  if (body) lines.push('<b>Last Ping Body:</b><br>', `<pre>${escapeHtml(body)}</pre>`);
  const others = linkedOtherChecks(ctx, siteRoot);
  if (others) {
    lines.push('<br>', `${others.headline}<br>`);
    if (others.checks.length > 0) {
      const items = others.checks.map(
        (c) => `<li><a href="${escapeHtml(c.url)}">${escapeHtml(c.name)}</a> (last ping: ${c.lastPing})</li>`,
      );
      lines.push('<ul>', ...items, '</ul>');
    }
  }
  return lines.join('\n');
}

/** Quotes a room ID the way Python's `quote` does (`!` and `:` too), as Healthchecks sends it. */
function quoteRoomId(room: string): string {
  return encodeURIComponent(room).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function matrixRequest(ctx: NotificationContext, room: string, io: IntegrationIo, homeserver: string, token: string) {
  // The transaction ID makes a retried PUT idempotent: the homeserver drops a repeat.
  const url = `${homeserver}/_matrix/client/v3/rooms/${quoteRoomId(room)}/send/m.room.message/${randomUUID()}`;
  return {
    method: 'PUT' as const,
    url,
    headers: { Authorization: `Bearer ${token}` },
    json: {
      msgtype: 'm.text',
      body: matrixPlainBody(ctx),
      format: 'org.matrix.custom.html',
      formatted_body: matrixHtmlBody(ctx, io.siteRoot),
    },
  };
}

/** A room ID (`!opaque:server`), joined by the server's bot account when the channel was added. */
export const matrixIntegration = defineIntegration<string>({
  kind: 'matrix',
  label: 'Matrix',
  configSchema: requiredString('config', 100).refine((v) => v.startsWith('!'), 'config is not a valid Matrix room ID'),
  fromStored: (value) => value,
  toStored: (config) => config,
  isNoop: () => false,
  async notify(ctx, config, io) {
    const { homeserver, accessToken } = io.settings.matrix;
    if (!homeserver || !accessToken) return failed('Matrix notifications are not enabled.');
    return deliveryOf(await io.http.send(matrixRequest(ctx, config, io, homeserver, accessToken)));
  },
});
