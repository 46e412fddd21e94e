import type { Integration } from './integration.js';

/** Incident tools and push services. */
export const incidentKinds: readonly Integration[] = [];
