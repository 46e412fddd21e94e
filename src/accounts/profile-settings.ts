import type { Deps } from '../deps.js';
import { isCanonicalTimezone } from '../domain/timezones.js';
import { AppError } from '../lib/app-error.js';
import { findProfileSettings, type ProfileSettings } from '../store/profile-settings.js';
import { updateNotificationPrefs, updateTheme } from '../store/user-writes.js';

export type { ProfileSettings };

/** The form's choices and what they store ('system' is the empty theme). */
export const THEMES = { system: '', light: 'light', dark: 'dark' } as const;
export type ThemeChoice = keyof typeof THEMES;
export const REPORT_PERIODS = ['off', 'daily', 'weekly', 'monthly'] as const;
/** Reminder periods of spec §1.2: none, hourly, daily. */
export const NAG_PERIODS = { none: 0, hourly: 3600, daily: 86_400 } as const;
export type NagChoice = keyof typeof NAG_PERIODS;

export async function readProfile(deps: Pick<Deps, 'store'>, userId: number): Promise<ProfileSettings> {
  const profile = await findProfileSettings(deps.store.db, userId);
  if (!profile) throw new AppError('unauthorized', 'log in first');
  return profile;
}

export async function saveTheme(deps: Pick<Deps, 'store'>, userId: number, choice: string): Promise<void> {
  if (!Object.hasOwn(THEMES, choice)) throw new AppError('bad_request', 'Please choose light, dark or system.');
  await updateTheme(deps.store.db, userId, THEMES[choice as ThemeChoice]);
}

export async function saveNotifications(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: number,
  input: { reports: string; nag: string; tz: string },
): Promise<void> {
  if (!(REPORT_PERIODS as readonly string[]).includes(input.reports)) {
    throw new AppError('bad_request', 'Please choose off, daily, weekly or monthly reports.');
  }
  if (!Object.hasOwn(NAG_PERIODS, input.nag)) throw new AppError('bad_request', 'Please choose none, hourly or daily reminders.');
  if (!isCanonicalTimezone(input.tz)) throw new AppError('bad_request', `Unknown time zone: "${input.tz}".`);
  await updateNotificationPrefs(
    deps.store.db,
    userId,
    { reports: input.reports, nagPeriodSeconds: NAG_PERIODS[input.nag as NagChoice], tz: input.tz },
    deps.clock.now(),
  );
}
