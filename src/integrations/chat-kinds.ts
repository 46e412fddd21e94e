import type { Integration } from './integration.js';

/** Chat rooms (Slack-like webhooks and chat APIs). */
export const chatKinds: readonly Integration[] = [];
