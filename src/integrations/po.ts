import { isSuccessStatus, type OutboundResponse, type ResponseVerdict } from '../outbound/outbound-http.js';
import { recipientBucketKey, requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed, type IntegrationIo } from './integration.js';
import { checkFacts, otherChecksLines } from './incident-text.js';
import { escapeHtml } from '../domain/escape-html.js';
import { checkName, cloakedUrl, statusSentence } from './message-parts.js';
import type { NotificationContext, NotifyStatus } from './notification-context.js';

/** `<user key>|<down priority>|<up priority>`; the third part is optional (= the down priority). */
const VALUE = /^([^|]+)\|(-?\d)(?:\|(-?\d))?$/;
const DISABLED = -3;
const EMERGENCY = 2;

interface PoValue {
  userKey: string;
  down: number;
  up: number;
}

function parseValue(value: string): PoValue | null {
  const match = VALUE.exec(value);
  if (!match) return null;
  const down = Number(match[2]);
  const up = match[3] === undefined ? down : Number(match[3]);
  const valid = (p: number) => p >= DISABLED && p <= EMERGENCY;
  return valid(down) && valid(up) ? { userKey: match[1]!, down, up } : null;
}

function readValue(value: string): PoValue {
  const parsed = parseValue(value);
  if (!parsed) throw new Error('po: stored value is not "<user key>|<priority>|<priority>"');
  return parsed;
}

const priorityOf = (value: PoValue, status: NotifyStatus) => (status === 'up' ? value.up : value.down);

/** A 400 naming the user invalid: the user key was deleted, no retry will help. */
function verdict(response: OutboundResponse): ResponseVerdict {
  if (isSuccessStatus(response.status)) return null;
  const body = response.json();
  if (response.status === 400 && typeof body === 'object' && body !== null && (body as { user?: unknown }).user === 'invalid')
    return { error: 'Received status code 400 (invalid user)', permanent: true };
  return { error: `Received status code ${response.status}`, permanent: false };
}

function message(ctx: NotificationContext, siteRoot: string): string {
  const link = `<a href="${escapeHtml(cloakedUrl(siteRoot, ctx.check))}">${escapeHtml(checkName(ctx.check))}</a>`;
  const headline = ctx.status === 'down' ? `The check ${link} is <b>DOWN</b>.` : `The check ${link} is now <b>UP</b>.`;
  const sentence = statusSentence(ctx);
  return [
    sentence ? `${headline} ${escapeHtml(sentence)}` : headline,
    '',
    ...checkFacts(ctx).map(([label, value]) => `<b>${label}:</b> ${escapeHtml(value)}`),
    ...otherChecksLines(ctx, escapeHtml),
  ].join('\n');
}

async function cancelEmergency(ctx: NotificationContext, apiToken: string, io: IntegrationIo) {
  return io.http.send({
    method: 'POST',
    url: `${io.settings.pushover.apiUrl}/1/receipts/cancel_by_tag/${ctx.check.uniqueKey}.json`,
    form: { token: apiToken },
  });
}

export const poIntegration = defineIntegration<string>({
  kind: 'po',
  label: 'Pushover',
  secretFields: [''],
  configSchema: requiredString('config').refine(
    (v) => parseValue(v) !== null,
    'config must be "<user key>|<down priority>|<up priority>" with priorities from -3 to 2',
  ),
  fromStored: (value) => {
    readValue(value);
    return value;
  },
  toStored: (value) => value,
  isNoop: (value, status) => priorityOf(readValue(value), status) === DISABLED,
  async notify(ctx, value, io) {
    const apiToken = io.settings.pushover.apiToken;
    if (!apiToken) return failed('Pushover notifications are not enabled.');
    const po = readValue(value);
    if (!(await io.allow(recipientBucketKey('po', po.userKey, io.secretKey), 6, 60_000))) return failed('Rate limit exceeded');

    // An emergency-priority alert keeps ringing until acknowledged; the recovery silences it.
    if (ctx.status === 'up' && po.down === EMERGENCY) {
      const cancelled = await cancelEmergency(ctx, apiToken, io);
      if (!cancelled.ok) return deliveryOf(cancelled);
    }

    const priority = priorityOf(po, ctx.status);
    const form: Record<string, string> = {
      token: apiToken,
      user: po.userKey,
      message: message(ctx, io.siteRoot),
      title: ctx.status === 'down' ? `🔴 ${checkName(ctx.check)} is DOWN` : `🟢 ${checkName(ctx.check)} is UP`,
      html: '1',
      priority: String(priority),
      tags: ctx.check.uniqueKey,
      url: cloakedUrl(io.siteRoot, ctx.check),
      url_title: `View on ${io.siteName}`,
    };
    if (priority === EMERGENCY) {
      form.retry = String(io.settings.pushover.emergencyRetryDelaySeconds);
      form.expire = String(io.settings.pushover.emergencyExpirationSeconds);
    }
    const result = await io.http.send({ method: 'POST', url: `${io.settings.pushover.apiUrl}/1/messages.json`, form }, verdict);
    return deliveryOf(result);
  },
});
