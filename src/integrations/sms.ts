import { defineIntegration, failed } from './integration.js';
import { checkName, longReason, sentenceDuration } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { postToTwilio, twilioStatusCallback } from './twilio-api.js';
import {
  phoneConfigSchema,
  phoneFromStored,
  phoneIsNoop,
  phoneNumberProblem,
  phoneToStored,
  type PhoneConfig,
} from './twilio-phone-config.js';

/** `Mychecks: The check "Backup" is DOWN (<reason>).` / `… is UP. The downtime lasted 3 days, 6 hours.` */
export function smsText(ctx: NotificationContext, siteName: string): string {
  const name = checkName(ctx.check);
  if (ctx.status === 'down') {
    const reason = longReason(ctx.flip);
    return `${siteName}: The check "${name}" is DOWN${reason ? ` (${reason})` : ''}.`;
  }
  const downtime = ctx.downtimeMs ? ` The downtime lasted ${sentenceDuration(ctx.downtimeMs)}.` : '';
  return `${siteName}: The check "${name}" is UP.${downtime}`;
}

export const smsIntegration = defineIntegration<PhoneConfig>({
  kind: 'sms',
  label: 'SMS',
  configSchema: phoneConfigSchema({ defaults: { up: false, down: true }, check: phoneNumberProblem }),
  fromStored: phoneFromStored,
  toStored: phoneToStored,
  isNoop: phoneIsNoop,
  displayName: (config) => `SMS to ${config.value}`,
  async notify(ctx, config, io) {
    const twilio = io.settings.twilio;
    if (!twilio.account || !twilio.auth || !(twilio.from || twilio.messagingServiceSid)) {
      return failed('SMS notifications are not enabled');
    }
    if (!(await io.consumeMonthlyQuota('sms'))) return failed('Monthly SMS limit exceeded');

    const form: Record<string, string> = {
      To: config.value,
      Body: smsText(ctx, io.siteName),
      StatusCallback: twilioStatusCallback(io, ctx),
      RiskCheck: 'disable',
    };
    // A messaging service picks the sender itself; TWILIO_FROM is the fallback sender.
    if (twilio.messagingServiceSid) form.MessagingServiceSid = twilio.messagingServiceSid;
    else form.From = twilio.from ?? '';
    return postToTwilio(io, 'Messages', form);
  },
});
