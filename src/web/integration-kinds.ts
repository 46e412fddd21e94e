import type { IntegrationSettings } from '../config-integrations.js';
import type { Integration } from '../integrations/integration.js';
import { INTEGRATIONS } from '../integrations/registry.js';

type Available = (s: IntegrationSettings) => boolean;

const always: Available = () => true;

/**
 * Spec §9.8: each kind is offered only when its feature flag is on or its server-wide
 * credentials are set; a kind that could never deliver is not offered at all.
 */
const AVAILABLE: Record<string, Available> = {
  email: always,
  group: always,
  webhook: (s) => s.webhooksEnabled,
  slack: (s) => s.slackEnabled,
  discord: (s) => s.discordEnabled,
  mattermost: (s) => s.mattermostEnabled,
  msteamsw: (s) => s.msteamsEnabled,
  rocketchat: (s) => s.rocketchatEnabled,
  googlechat: (s) => s.googlechatEnabled,
  zulip: (s) => s.zulipEnabled,
  pagertree: (s) => s.pagertreeEnabled,
  spike: (s) => s.spikeEnabled,
  pd: (s) => s.pdEnabled,
  opsgenie: (s) => s.opsgenieEnabled,
  victorops: (s) => s.victoropsEnabled,
  gotify: (s) => s.gotifyEnabled,
  ntfy: (s) => s.ntfyEnabled,
  pushbullet: (s) => s.pushbulletEnabled,
  shell: (s) => s.shellEnabled,
  apprise: (s) => s.apprise.enabled && s.apprise.apiUrl !== null,
  telegram: (s) => s.telegram.token !== null,
  po: (s) => s.pushover.apiToken !== null,
  matrix: (s) => s.matrix.homeserver !== null && s.matrix.accessToken !== null,
  signal: (s) => s.signalCliSocket !== null,
  github: (s) => s.github.appId !== null && s.github.privateKey !== null,
  trello: (s) => s.trello.appKey !== null,
  sms: (s) => s.twilio.account !== null && s.twilio.auth !== null && (s.twilio.from ?? s.twilio.messagingServiceSid) !== null,
  call: (s) => s.twilio.account !== null && s.twilio.auth !== null && s.twilio.from !== null,
  whatsapp: (s) =>
    s.twilio.useWhatsapp &&
    [s.twilio.account, s.twilio.auth, s.twilio.from, s.twilio.messagingServiceSid].every((v) => v !== null) &&
    s.twilio.whatsappDownContentSid !== null &&
    s.twilio.whatsappUpContentSid !== null,
};

/** One line under each kind on the "add integration" page. */
const BLURBS: Record<string, string> = {
  email: 'Get an email message when a check goes up or down.',
  webhook: 'Send an HTTP request of your own design to any URL.',
  group: 'Notify several integrations of this project at once.',
  slack: 'Post messages to a Slack channel through an incoming webhook.',
  discord: 'Post messages to a Discord channel.',
  mattermost: 'Post messages to a Mattermost channel through an incoming webhook.',
  msteamsw: 'Post messages to Microsoft Teams through a Workflows webhook.',
  rocketchat: 'Post messages to a Rocket.Chat channel through an incoming webhook.',
  googlechat: 'Post cards to a Google Chat space through a webhook.',
  zulip: 'Post messages to a Zulip stream or a user.',
  pagertree: 'Open and resolve PagerTree incidents.',
  spike: 'Open and resolve Spike incidents.',
  pd: 'Trigger and resolve PagerDuty incidents.',
  opsgenie: 'Open and close Opsgenie alerts.',
  victorops: 'Open and recover Splunk On-Call incidents.',
  gotify: 'Push messages to a Gotify server.',
  ntfy: 'Push messages to an ntfy topic.',
  pushbullet: 'Push notes to your Pushbullet devices.',
  shell: 'Run a command on this server.',
  apprise: 'Notify any service Apprise supports.',
  telegram: 'Send messages to a Telegram chat.',
  po: 'Push notifications to your Pushover devices.',
  matrix: 'Post messages to a Matrix room.',
  signal: 'Send Signal messages.',
  github: 'Open GitHub issues when a check goes down.',
  trello: 'Create Trello cards when a check goes down.',
  sms: 'Get a text message when a check goes down.',
  call: 'Get a phone call when a check goes down.',
  whatsapp: 'Get a WhatsApp message when a check goes up or down.',
};

export function isKindEnabled(settings: IntegrationSettings, kind: string): boolean {
  return INTEGRATIONS.has(kind) && (AVAILABLE[kind]?.(settings) ?? false);
}

export function kindBlurb(kind: string): string {
  return BLURBS[kind] ?? '';
}

/** The kinds offered on the "add integration" page: email and webhook first, then by label. */
export function enabledKinds(settings: IntegrationSettings): Integration[] {
  const first = ['email', 'webhook'];
  return [...INTEGRATIONS.values()]
    .filter((integration) => isKindEnabled(settings, integration.kind))
    .sort((a, b) => {
      const rank = (i: Integration) => (first.includes(i.kind) ? first.indexOf(i.kind) : first.length);
      return rank(a) - rank(b) || a.label.localeCompare(b.label);
    });
}
