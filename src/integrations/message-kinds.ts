import { appriseIntegration } from './apprise.js';
import { callIntegration } from './call.js';
import { groupIntegration } from './group.js';
import type { Integration } from './integration.js';
import { shellIntegration } from './shell.js';
import { signalIntegration } from './signal.js';
import { smsIntegration } from './sms.js';
import { webhookIntegration } from './webhook.js';
import { whatsappIntegration } from './whatsapp.js';

/** Phone messages, commands, generic webhooks and groups. */
export const messageKinds: readonly Integration[] = [
  webhookIntegration,
  shellIntegration,
  smsIntegration,
  whatsappIntegration,
  callIntegration,
  signalIntegration,
  appriseIntegration,
  groupIntegration,
];
