import { ALL_CHECKS_TAG } from './badge-status.js';

/**
 * The label of a project or tag badge: the tag, or for `*` the master label (Healthchecks'
 * MASTER_BADGE_LABEL, which defaults to SITE_NAME).
 */
export function projectBadgeLabel(tag: string, masterLabel: string): string {
  return tag === ALL_CHECKS_TAG ? masterLabel : tag;
}

/** A check badge is labelled with the check's name, or its UUID when unnamed (name_then_code). */
export function checkBadgeLabel(check: { name: string; code: string }): string {
  return check.name === '' ? check.code : check.name;
}
