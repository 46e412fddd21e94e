import { badgeJson, shieldsJson } from './badge-json.js';
import type { BadgeSummary } from './badge-status.js';
import { badgeSvg } from './badge-svg.js';

export const BADGE_FORMATS = ['svg', 'json', 'shields'] as const;
export type BadgeFormat = (typeof BADGE_FORMATS)[number];

export function isBadgeFormat(format: string): format is BadgeFormat {
  return (BADGE_FORMATS as readonly string[]).includes(format);
}

export interface RenderedBadge {
  contentType: string;
  body: string;
}

/** The response body of a badge in each format (spec §6.3), with Django's content types. */
export function renderBadge(format: BadgeFormat, label: string, summary: BadgeSummary): RenderedBadge {
  switch (format) {
    case 'svg':
      return { contentType: 'image/svg+xml', body: badgeSvg(label, summary.status) };
    case 'json':
      return { contentType: 'application/json', body: badgeJson(summary) };
    case 'shields':
      return { contentType: 'application/json', body: shieldsJson(label, summary.status) };
  }
}
