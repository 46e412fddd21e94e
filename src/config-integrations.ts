import { z } from 'zod';
import { envBool, envInt, optionalString } from './config-env.js';

/**
 * Integration settings, under Healthchecks' names where it has one. The `*_API_URL` names are
 * ours: every provider's base URL can be pointed elsewhere (a proxy, a regional endpoint, or a
 * local recording server in tests).
 */
export const integrationEnvSchema = z.object({
  WEBHOOKS_ENABLED: envBool(true),
  SLACK_ENABLED: envBool(true),
  DISCORD_ENABLED: envBool(true),
  MATTERMOST_ENABLED: envBool(true),
  MSTEAMS_ENABLED: envBool(true),
  ROCKETCHAT_ENABLED: envBool(true),
  GOOGLECHAT_ENABLED: envBool(true),
  ZULIP_ENABLED: envBool(true),
  PAGERTREE_ENABLED: envBool(true),
  SPIKE_ENABLED: envBool(true),
  PD_ENABLED: envBool(true),
  OPSGENIE_ENABLED: envBool(true),
  VICTOROPS_ENABLED: envBool(true),
  GOTIFY_ENABLED: envBool(true),
  NTFY_ENABLED: envBool(true),
  PUSHBULLET_ENABLED: envBool(true),
  SHELL_ENABLED: envBool(false),
  APPRISE_ENABLED: envBool(false),
  APPRISE_API_URL: optionalString,
  TELEGRAM_TOKEN: optionalString,
  TELEGRAM_BOT_NAME: z.string().default('ExampleBot'),
  TELEGRAM_API_URL: z.string().default('https://api.telegram.org'),
  PUSHOVER_API_TOKEN: optionalString,
  PUSHOVER_SUBSCRIPTION_URL: optionalString,
  PUSHOVER_EMERGENCY_RETRY_DELAY: envInt(300, 30, 86_400),
  PUSHOVER_EMERGENCY_EXPIRATION: envInt(86_400, 30, 10_800_000),
  PUSHOVER_API_URL: z.string().default('https://api.pushover.net'),
  PUSHBULLET_API_URL: z.string().default('https://api.pushbullet.com'),
  PD_API_URL: z.string().default('https://events.pagerduty.com'),
  OPSGENIE_API_URL: z.string().default('https://api.opsgenie.com'),
  OPSGENIE_EU_API_URL: z.string().default('https://api.eu.opsgenie.com'),
  MATRIX_HOMESERVER: optionalString,
  MATRIX_USER_ID: optionalString,
  MATRIX_ACCESS_TOKEN: optionalString,
  TWILIO_ACCOUNT: optionalString,
  TWILIO_AUTH: optionalString,
  TWILIO_FROM: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  TWILIO_USE_WHATSAPP: envBool(false),
  TWILIO_API_URL: z.string().default('https://api.twilio.com'),
  WHATSAPP_DOWN_CONTENT_SID: optionalString,
  WHATSAPP_UP_CONTENT_SID: optionalString,
  SIGNAL_CLI_SOCKET: optionalString,
  GITHUB_APP_ID: optionalString,
  GITHUB_PRIVATE_KEY: optionalString,
  GITHUB_API_URL: z.string().default('https://api.github.com'),
  TRELLO_APP_KEY: optionalString,
  TRELLO_API_URL: z.string().default('https://api.trello.com'),
  NTFY_SH_TOKEN: optionalString,
  EMAIL_MAIL_FROM_TMPL: optionalString,
  EMAIL_USE_VERIFICATION: envBool(true),
});

export const INTEGRATION_SECRET_NAMES = [
  'TELEGRAM_TOKEN',
  'PUSHOVER_API_TOKEN',
  'MATRIX_ACCESS_TOKEN',
  'TWILIO_AUTH',
  'GITHUB_PRIVATE_KEY',
  'TRELLO_APP_KEY',
  'NTFY_SH_TOKEN',
];

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Parsed integration settings; unset credentials are null (the kind then answers "not enabled"). */
export function toIntegrationSettings(e: z.infer<typeof integrationEnvSchema>) {
  const orNull = (v: string | undefined) => (v ? v : null);
  return Object.freeze({
    webhooksEnabled: e.WEBHOOKS_ENABLED,
    slackEnabled: e.SLACK_ENABLED,
    discordEnabled: e.DISCORD_ENABLED,
    mattermostEnabled: e.MATTERMOST_ENABLED,
    msteamsEnabled: e.MSTEAMS_ENABLED,
    rocketchatEnabled: e.ROCKETCHAT_ENABLED,
    googlechatEnabled: e.GOOGLECHAT_ENABLED,
    zulipEnabled: e.ZULIP_ENABLED,
    pagertreeEnabled: e.PAGERTREE_ENABLED,
    spikeEnabled: e.SPIKE_ENABLED,
    pdEnabled: e.PD_ENABLED,
    opsgenieEnabled: e.OPSGENIE_ENABLED,
    victoropsEnabled: e.VICTOROPS_ENABLED,
    gotifyEnabled: e.GOTIFY_ENABLED,
    ntfyEnabled: e.NTFY_ENABLED,
    pushbulletEnabled: e.PUSHBULLET_ENABLED,
    shellEnabled: e.SHELL_ENABLED,
    apprise: { enabled: e.APPRISE_ENABLED, apiUrl: e.APPRISE_API_URL ? trimSlash(e.APPRISE_API_URL) : null },
    telegram: { token: orNull(e.TELEGRAM_TOKEN), botName: e.TELEGRAM_BOT_NAME, apiUrl: trimSlash(e.TELEGRAM_API_URL) },
    pushover: {
      apiToken: orNull(e.PUSHOVER_API_TOKEN),
      subscriptionUrl: orNull(e.PUSHOVER_SUBSCRIPTION_URL),
      emergencyRetryDelaySeconds: e.PUSHOVER_EMERGENCY_RETRY_DELAY,
      emergencyExpirationSeconds: e.PUSHOVER_EMERGENCY_EXPIRATION,
      apiUrl: trimSlash(e.PUSHOVER_API_URL),
    },
    pushbulletApiUrl: trimSlash(e.PUSHBULLET_API_URL),
    pdApiUrl: trimSlash(e.PD_API_URL),
    opsgenie: { usApiUrl: trimSlash(e.OPSGENIE_API_URL), euApiUrl: trimSlash(e.OPSGENIE_EU_API_URL) },
    matrix: {
      homeserver: e.MATRIX_HOMESERVER ? trimSlash(e.MATRIX_HOMESERVER) : null,
      userId: orNull(e.MATRIX_USER_ID),
      accessToken: orNull(e.MATRIX_ACCESS_TOKEN),
    },
    twilio: {
      account: orNull(e.TWILIO_ACCOUNT),
      auth: orNull(e.TWILIO_AUTH),
      from: orNull(e.TWILIO_FROM),
      messagingServiceSid: orNull(e.TWILIO_MESSAGING_SERVICE_SID),
      useWhatsapp: e.TWILIO_USE_WHATSAPP,
      apiUrl: trimSlash(e.TWILIO_API_URL),
      whatsappDownContentSid: orNull(e.WHATSAPP_DOWN_CONTENT_SID),
      whatsappUpContentSid: orNull(e.WHATSAPP_UP_CONTENT_SID),
    },
    signalCliSocket: orNull(e.SIGNAL_CLI_SOCKET),
    github: { appId: orNull(e.GITHUB_APP_ID), privateKey: orNull(e.GITHUB_PRIVATE_KEY), apiUrl: trimSlash(e.GITHUB_API_URL) },
    trello: { appKey: orNull(e.TRELLO_APP_KEY), apiUrl: trimSlash(e.TRELLO_API_URL) },
    ntfyShToken: orNull(e.NTFY_SH_TOKEN),
    emailMailFromTemplate: orNull(e.EMAIL_MAIL_FROM_TMPL),
    emailUseVerification: e.EMAIL_USE_VERIFICATION,
  });
}

export type IntegrationSettings = ReturnType<typeof toIntegrationSettings>;
