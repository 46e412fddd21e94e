import { z } from 'zod';
import { defineIntegration, failed } from './integration.js';
import { checkName } from './message-parts.js';
import { postToTwilio, twilioStatusCallback } from './twilio-api.js';
import { normalizePhoneInput, phoneNumberProblem, strictObjectError } from './twilio-phone-config.js';
import { escapeHtml } from '../domain/escape-html.js';

/** `{"value": "+E.164"}`: calls are made for down flips only. */
export interface CallConfig {
  value: string;
}

export function callTwiml(siteName: string, name: string): string {
  return `<Response><Say>Hello! A message from ${escapeHtml(siteName)}: The check "${escapeHtml(name)}" is down.</Say></Response>`;
}

const configSchema: z.ZodType<CallConfig> = z.strictObject(
  {
    value: z
      .string({ error: 'value must be a string' })
      .transform(normalizePhoneInput)
      .superRefine((value, ctx) => {
        const problem = phoneNumberProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  },
  { error: strictObjectError },
);

export const callIntegration = defineIntegration<CallConfig>({
  kind: 'call',
  label: 'Phone Call',
  configSchema,
  fromStored(stored) {
    // Older Healthchecks versions stored the bare number.
    if (!stored.startsWith('{')) return { value: stored };
    const doc = JSON.parse(stored) as { value?: unknown };
    if (typeof doc.value !== 'string') throw new Error('call channel value has no "value"');
    return { value: doc.value };
  },
  toStored: (config) => JSON.stringify({ value: config.value }),
  isNoop: (_config, status) => status !== 'down',
  async notify(ctx, config, io) {
    const t = io.settings.twilio;
    if (!t.account || !t.auth || !t.from) return failed('Call notifications are not enabled');
    if (!(await io.consumeMonthlyQuota('call'))) return failed('Monthly phone call limit exceeded');

    return postToTwilio(io, 'Calls', {
      From: t.from,
      To: config.value,
      Twiml: callTwiml(io.siteName, checkName(ctx.check)),
      StatusCallback: twilioStatusCallback(io, ctx),
    });
  },
});
