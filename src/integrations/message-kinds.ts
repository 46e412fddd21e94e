import type { Integration } from './integration.js';

/** Phone messages, commands, generic webhooks and groups. */
export const messageKinds: readonly Integration[] = [];
