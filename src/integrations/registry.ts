import { chatKinds } from './chat-kinds.js';
import { emailKinds } from './email-kinds.js';
import { incidentKinds } from './incident-kinds.js';
import type { Integration } from './integration.js';
import { messageKinds } from './message-kinds.js';

/** Every integration kind of spec §9.3, by `kind`. */
export const INTEGRATIONS: ReadonlyMap<string, Integration> = new Map(
  [...emailKinds, ...chatKinds, ...incidentKinds, ...messageKinds].map((i) => [i.kind, i]),
);

export function findIntegration(kind: string): Integration | undefined {
  return INTEGRATIONS.get(kind);
}
