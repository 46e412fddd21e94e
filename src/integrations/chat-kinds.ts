import { discordIntegration } from './discord.js';
import { googlechatIntegration } from './googlechat.js';
import type { Integration } from './integration.js';
import { matrixIntegration } from './matrix.js';
import { mattermostIntegration } from './mattermost.js';
import { msteamswIntegration } from './msteamsw.js';
import { rocketchatIntegration } from './rocketchat.js';
import { slackIntegration } from './slack.js';
import { telegramIntegration } from './telegram.js';
import { zulipIntegration } from './zulip.js';

/** Chat rooms (Slack-like webhooks and chat APIs). */
export const chatKinds: readonly Integration[] = [
  slackIntegration,
  mattermostIntegration,
  discordIntegration,
  rocketchatIntegration,
  googlechatIntegration,
  msteamswIntegration,
  zulipIntegration,
  matrixIntegration,
  telegramIntegration,
];
