import type { Deps } from '../deps.js';
import { readUnsubscribeToken } from '../integrations/email-unsubscribe.js';
import { disableChannelByCode } from '../store/channel-state.js';
import { turnOffReportsAndNags } from '../store/profiles.js';
import { readReportsUnsubscribeToken } from './report-envelope.js';

/** Mail scanners open links as they arrive; a person clicks later (spec §9.8). */
const FRESH_MS = 5 * 60_000;

/**
 * Whether an alert email's unsubscribe link is genuine, and whether it is old enough that the
 * page may act at once instead of asking (null: not genuine).
 */
export function checkChannelUnsubscribe(
  deps: Pick<Deps, 'clock' | 'secretKey'>,
  channelCode: string,
  token: string,
): { autoSubmit: boolean } | null {
  const read = readUnsubscribeToken(channelCode, token, deps.secretKey);
  return read && { autoSubmit: deps.clock.now() - read.signedAtMs > FRESH_MS };
}

/** Disables the email integration the link names; false for a bad link or a deleted channel. */
export async function unsubscribeChannel(deps: Pick<Deps, 'store' | 'clock' | 'secretKey'>, channelCode: string, token: string) {
  if (!checkChannelUnsubscribe(deps, channelCode, token)) return false;
  return disableChannelByCode(deps.store.db, channelCode);
}

/** Turns a user's reports and reminders off from a report email's link (spec §8.4). */
export async function unsubscribeReports(deps: Pick<Deps, 'store' | 'secretKey'>, token: string): Promise<boolean> {
  const userId = readReportsUnsubscribeToken(token, deps.secretKey);
  return userId !== null && turnOffReportsAndNags(deps.store.db, userId);
}
