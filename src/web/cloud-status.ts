import type { CoreInstanceStatus } from '../cloud/core-instances.js';
import { html, type Html } from './html.js';

/**
 * The Cloud statuses in the dashboard's colours (the shared `.status` dots of the checks list):
 * ok is up, failed is down, new is new, running is new and pulsing.
 */
const CHECK_LOOKS: Record<string, { dot: string; label: string }> = {
  ok: { dot: 'up', label: 'OK' },
  failed: { dot: 'down', label: 'Failed' },
  new: { dot: 'new', label: 'New' },
  running: { dot: 'new started', label: 'Running' },
};

const CORE_LOOKS: Record<CoreInstanceStatus, { dot: string; label: string }> = {
  running: { dot: 'up', label: 'Running' },
  waiting: { dot: 'new', label: 'Waiting' },
  unreachable: { dot: 'down', label: 'Unreachable' },
};

function badge(look: { dot: string; label: string }): Html {
  return html`<span class="cloud-status"
    ><span class="status ${look.dot}" role="img" aria-hidden="true"></span> <span class="cloud-status-label">${look.label}</span></span
  >`;
}

export const checkStatusLabel = (status: string): string => CHECK_LOOKS[status]?.label ?? status;

/** A check's status as dot and word; a status outside Calyptia's four shows as itself, grey. */
export const checkStatusBadge = (status: string): Html => badge(CHECK_LOOKS[status] ?? { dot: 'new', label: status });

export const coreStatusBadge = (status: CoreInstanceStatus): Html => badge(CORE_LOOKS[status]);

/** A flip's statuses ('new' | 'up' | 'down') as words in the checks log's colours. */
export const flipStatus = (status: string): Html => html`<span class="flip-${status}">${status}</span>`;
