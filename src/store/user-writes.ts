import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** False when no such user. */
export async function updatePasswordHash(db: Kysely<Database>, userId: number, passwordHash: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** False when no such user; the unique index on email throws when the address is taken. */
export async function updateEmail(db: Kysely<Database>, userId: number, email: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ email }).where('id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateTheme(db: Kysely<Database>, userId: number, theme: string): Promise<void> {
  await db.updateTable('users').set({ theme }).where('id', '=', userId).execute();
}

export interface NotificationPrefs {
  reports: string;
  nagPeriodSeconds: number;
  tz: string;
}

/**
 * Saves report and reminder preferences in one statement. A changed report period or time zone
 * unschedules the next report (the sender schedules it afresh, spec §8.4). A changed reminder
 * period restarts the reminders: off clears them; on starts them from now when one of the
 * user's checks is down (as the flip processor would have); unchanged leaves them alone.
 */
export async function updateNotificationPrefs(
  db: Kysely<Database>,
  userId: number,
  prefs: NotificationPrefs,
  now: number,
): Promise<void> {
  const period = prefs.nagPeriodSeconds;
  const anyDown = sql<boolean>`exists (select 1 from checks inner join projects on projects.id = checks.project_id
    where projects.owner_id = users.id and checks.status = 'down')`;
  await db
    .updateTable('users')
    .set({
      reports: prefs.reports,
      tz: prefs.tz,
      nag_period_seconds: period,
      next_report_at: sql<number | null>`case when reports = ${prefs.reports} and tz = ${prefs.tz}
        then next_report_at else null end`,
      next_nag_at: sql<number | null>`case
        when ${period} = 0 then null
        when nag_period_seconds = ${period} then next_nag_at
        when ${anyDown} then cast(${now + period * 1000} as bigint)
        else null end`,
    })
    .where('id', '=', userId)
    .execute();
}

/** Deletes the user; their sessions, links, memberships and owned projects go with them (cascades). */
export async function deleteUser(db: Kysely<Database>, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
