import { z } from 'zod';
import { bounceAddress, signBounceId } from '../domain/bounce-id.js';
import { buildAlertMessage } from './email-alert-message.js';
import { unsubscribeUrl } from './email-unsubscribe.js';
import { defineIntegration, delivered, failed } from './integration.js';

export interface EmailConfig {
  value: string;
  up: boolean;
  down: boolean;
}

const configSchema = z.strictObject(
  {
    value: z
      .email({ error: (i) => (i.input === undefined ? 'value is required' : 'value is not a valid email address') })
      .max(254, 'value is too long'),
    up: z.boolean({ error: 'up is not a boolean' }).default(true),
    down: z.boolean({ error: 'down is not a boolean' }).default(true),
  },
  { error: (i) => (i.code === 'unrecognized_keys' ? `unexpected field: ${i.keys.join(', ')}` : 'config is not an object') },
);

// Read back leniently: rows written by Healthchecks may lack a switch (absent = on).
const storedSchema = z.object({
  value: z.string(),
  up: z.boolean().default(true),
  down: z.boolean().default(true),
});

/** Spec §9.3 `email`. Unverified addresses are refused before this, in the delivery pipeline. */
export const emailIntegration = defineIntegration<EmailConfig>({
  kind: 'email',
  label: 'Email',
  configSchema,
  fromStored(value) {
    // The legacy form is the bare address, notifying both ways.
    if (!value.trimStart().startsWith('{')) return { value, up: true, down: true };
    return storedSchema.parse(JSON.parse(value));
  },
  toStored: (config) => JSON.stringify({ value: config.value, up: config.up, down: config.down }),
  isNoop: (config, status) => (status === 'down' ? !config.down : !config.up),
  displayName: (config) => `Email to ${config.value}`,
  async notify(ctx, config, io) {
    const now = io.clock.now();
    const unsubscribe = unsubscribeUrl(io.siteRoot, ctx.channel.code, now, io.secretKey);
    const message = await buildAlertMessage(ctx, io, unsubscribe);
    const template = io.settings.emailMailFromTemplate;
    const result = await io.mailer.send({
      to: config.value,
      ...message,
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      envelopeFrom: template ? bounceAddress(template, signBounceId(`n.${ctx.notificationCode}`, now, io.secretKey)) : undefined,
    });
    return result.ok ? delivered : failed(result.error);
  },
});
