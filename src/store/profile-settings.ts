import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What the profile page shows and edits (spec §1.2). */
export interface ProfileSettings {
  email: string;
  /** '' (the system's), 'light' or 'dark'. */
  theme: string;
  reports: string;
  nagPeriodSeconds: number;
  tz: string;
}

export async function findProfileSettings(db: Kysely<Database>, userId: number): Promise<ProfileSettings | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['email', 'theme', 'reports', 'nag_period_seconds', 'tz'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return (
    row && {
      email: row.email,
      theme: row.theme,
      reports: row.reports,
      nagPeriodSeconds: Number(row.nag_period_seconds),
      tz: row.tz,
    }
  );
}
