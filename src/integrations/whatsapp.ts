import { defineIntegration, failed } from './integration.js';
import { checkName } from './message-parts.js';
import { pythonJson } from './placeholders.js';
import { postToTwilio, twilioStatusCallback } from './twilio-api.js';
import {
  phoneConfigSchema,
  phoneFromStored,
  phoneIsNoop,
  phoneNumberProblem,
  phoneToStored,
  type PhoneConfig,
} from './twilio-phone-config.js';

/**
 * WhatsApp through Twilio: the wording lives in two approved content templates (down and up)
 * registered at Twilio; we only fill in the check name as variable 1.
 */
export const whatsappIntegration = defineIntegration<PhoneConfig>({
  kind: 'whatsapp',
  label: 'WhatsApp',
  configSchema: phoneConfigSchema({ defaults: { up: true, down: true }, check: phoneNumberProblem }),
  fromStored: phoneFromStored,
  toStored: phoneToStored,
  isNoop: phoneIsNoop,
  async notify(ctx, config, io) {
    const t = io.settings.twilio;
    if (
      !t.useWhatsapp ||
      !t.account ||
      !t.auth ||
      !t.from ||
      !t.messagingServiceSid ||
      !t.whatsappDownContentSid ||
      !t.whatsappUpContentSid
    ) {
      return failed('WhatsApp notifications are not enabled');
    }
    // WhatsApp messages count against the same monthly limit as SMS.
    if (!(await io.consumeMonthlyQuota('sms'))) return failed('Monthly message limit exceeded');

    return postToTwilio(io, 'Messages', {
      To: `whatsapp:${config.value}`,
      From: `whatsapp:${t.from}`,
      MessagingServiceSid: t.messagingServiceSid,
      ContentSid: ctx.status === 'down' ? t.whatsappDownContentSid : t.whatsappUpContentSid,
      ContentVariables: pythonJson({ 1: checkName(ctx.check) }),
      StatusCallback: twilioStatusCallback(io, ctx),
    });
  },
});
