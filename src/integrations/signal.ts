import { createHash } from 'node:crypto';
import { newUuid } from '../lib/ids.js';
import { defineIntegration, delivered, failed } from './integration.js';
import { checkName, lastPingText, longDuration, longReason, naturalTime, sentenceDuration, tagList } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { callSignalCli, type SignalCallOutcome } from './signal-cli.js';
import { escapeHtml, extractSignalStyles } from './signal-styles.js';
import {
  isPhoneNumber,
  PHONE_NUMBER_HINT,
  phoneConfigSchema,
  phoneFromStored,
  phoneIsNoop,
  phoneToStored,
  type PhoneConfig,
} from './twilio-phone-config.js';

const CALL_TIMEOUT_MS = 60_000;
const ATTEMPTS = 2;

/** Signal usernames (`alice.42`) are told apart from phone numbers by their dot. */
const USERNAME = /^[A-Za-z0-9_]{3,48}\.\d{2,10}$/;

function recipientProblem(value: string): string | null {
  if (value.includes('.')) {
    return USERNAME.test(value) ? null : 'value is not a valid Signal username (e.g. alice.42)';
  }
  return isPhoneNumber(value) ? null : `value is not a valid phone number (${PHONE_NUMBER_HINT})`;
}

/** The message as `<b>`/`<code>` markup, one line per fact (Healthchecks' signal template). */
export function signalMarkup(ctx: NotificationContext): string {
  const check = ctx.check;
  const name = escapeHtml(checkName(check));
  const lines: string[] = [];
  if (ctx.status === 'down') {
    const reason = longReason(ctx.flip);
    lines.push(`The check <b>${name}</b> is <b>DOWN</b>${reason ? ` (${reason})` : ''}.`);
  } else {
    const downtime = ctx.downtimeMs ? ` The downtime lasted ${sentenceDuration(ctx.downtimeMs)}.` : '';
    lines.push(`The check <b>${name}</b> is now <b>UP</b>.${downtime}`);
  }
  lines.push('');
  if (ctx.project.name) lines.push(`<b>Project:</b> ${escapeHtml(ctx.project.name)}`);
  const tags = tagList(check);
  if (tags.length > 0) lines.push(`<b>Tags:</b> ${escapeHtml(tags.join(', '))}`);
  if (check.kind === 'simple') {
    lines.push(`<b>Period:</b> ${longDuration(check.timeoutSeconds)}`);
  } else {
    lines.push(`<b>Schedule:</b> <code>${escapeHtml(check.schedule)}</code>`);
    lines.push(`<b>Time Zone:</b> ${escapeHtml(check.tz)}`);
  }
  lines.push(`<b>Total Pings:</b> ${ctx.lastPing?.n ?? 0}`);
  lines.push(`<b>Last Ping:</b> ${lastPingText(ctx)}`);

  const others = ctx.otherChecks;
  if (others) {
    lines.push('');
    const word = ctx.status === 'down' ? 'also' : 'still';
    if (others.down.length === 0) {
      lines.push('All the other checks are up.');
    } else if (others.down.length > 10) {
      lines.push(`${others.down.length} other checks are ${word} down.`);
    } else {
      lines.push(`The following checks are ${word} down:`);
      for (const c of others.down) {
        const lastPing = c.lastPingAt === null ? 'never' : naturalTime(c.lastPingAt, ctx.now);
        lines.push(`• <b>${escapeHtml(c.name || c.code)}</b> (last ping: ${lastPing})`);
      }
    }
  }
  return lines.join('\n');
}

export const signalIntegration = defineIntegration<PhoneConfig>({
  kind: 'signal',
  label: 'Signal',
  configSchema: phoneConfigSchema({ defaults: { up: true, down: true }, check: recipientProblem }),
  fromStored: phoneFromStored,
  toStored: phoneToStored,
  isNoop: phoneIsNoop,
  async notify(ctx, config, io) {
    const socket = io.settings.signalCliSocket;
    if (!socket) return failed('Signal notifications are not enabled');
    // Hashed so the bucket table does not list recipients' numbers.
    const bucket = `signal-${createHash('sha1').update(config.value).digest('hex')}`;
    if (!(await io.allow(bucket, 6, 60_000))) return failed('Rate limit exceeded');

    const { text, styles } = extractSignalStyles(signalMarkup(ctx));
    // signal-cli addresses usernames as `u:<name>`.
    const recipient = config.value.includes('.') ? `u:${config.value}` : config.value;
    let outcome: SignalCallOutcome = { ok: false, error: 'signal-cli call failed', permanent: false };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const request = {
        jsonrpc: '2.0',
        method: 'send',
        params: { recipient: [recipient], message: text, textStyle: styles },
        id: newUuid(),
      };
      outcome = await callSignalCli(socket, request, CALL_TIMEOUT_MS);
      if (outcome.ok) return delivered;
      if (outcome.captchaToken) {
        // Only the server's operator can solve the challenge (`submitchallenge`).
        io.log.error({ recipient, challenge: outcome.captchaToken, reply: outcome.reply }, 'Signal CAPTCHA proof required');
        return failed(outcome.error);
      }
      if (outcome.permanent) break;
    }
    return outcome.ok ? delivered : failed(outcome.error, outcome.permanent);
  },
});
