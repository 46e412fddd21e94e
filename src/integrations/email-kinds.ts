import { emailIntegration } from './email.js';
import type { Integration } from './integration.js';

/** Email. */
export const emailKinds: readonly Integration[] = [emailIntegration];
