import { sql, type Kysely, type Transaction } from 'kysely';
import type { Check } from '../domain/check.js';
import type { FlipSpan, ReportPeriod } from '../domain/downtime-stats.js';
import { toCheck } from './check-rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The profile fields of spec §1.2 the report and nag senders read. */
export interface ReportProfile {
  userId: number;
  email: string;
  reports: ReportPeriod | 'off';
  tz: string;
  nagPeriodSeconds: number;
  nextReportAt: number | null;
  nextNagAt: number | null;
}

const PROFILE_COLUMNS = ['id', 'email', 'reports', 'tz', 'nag_period_seconds', 'next_report_at', 'next_nag_at'] as const;

const PERIODS: readonly string[] = ['daily', 'weekly', 'monthly'];

function toProfile(r: {
  id: number;
  email: string;
  reports: string;
  tz: string;
  nag_period_seconds: number;
  next_report_at: number | null;
  next_nag_at: number | null;
}): ReportProfile {
  return {
    userId: Number(r.id),
    email: r.email,
    reports: PERIODS.includes(r.reports) ? (r.reports as ReportPeriod) : 'off',
    tz: r.tz,
    nagPeriodSeconds: r.nag_period_seconds,
    nextReportAt: r.next_report_at,
    nextNagAt: r.next_nag_at,
  };
}

/** Profiles whose report is due or not yet scheduled (index users_next_report_at). */
export async function findDueReportProfiles(db: Db, now: number, limit: number): Promise<ReportProfile[]> {
  const rows = await db
    .selectFrom('users')
    .select(PROFILE_COLUMNS)
    .where('reports', '!=', 'off')
    .where((eb) => eb.or([eb('next_report_at', 'is', null), eb('next_report_at', '<', now)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toProfile);
}

/**
 * Moves `next_report_at` from the value read to `next`; false when another process moved it
 * first (spec §8.4: the optimistic claim that makes several senders safe).
 */
export async function claimReportDate(db: Db, userId: number, read: number | null, next: number | null): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ next_report_at: next })
    .where('id', '=', userId)
    .where('next_report_at', read === null ? 'is' : '=', read)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Profiles with reminders on whose nag date has passed (partial index users_next_nag_at). */
export async function findDueNagProfiles(db: Db, now: number, limit: number): Promise<ReportProfile[]> {
  const rows = await db
    .selectFrom('users')
    .select(PROFILE_COLUMNS)
    .where('next_nag_at', 'is not', null)
    .where('next_nag_at', '<', now)
    .where('nag_period_seconds', '>', 0)
    .orderBy('next_nag_at')
    .limit(limit)
    .execute();
  return rows.map(toProfile);
}

/** Moves `next_nag_at` from the value read to `next` (null clears it); false if another process did first. */
export async function claimNagDate(db: Db, userId: number, read: number, next: number | null): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ next_nag_at: next })
    .where('id', '=', userId)
    .where('next_nag_at', '=', read)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The projects a user sees: the ones they own and the ones they are a member of (spec §8.4 "the user's projects"). */
function projectsOf(db: Db, userId: number) {
  return db
    .selectFrom('projects')
    .select('projects.id')
    .where((eb) =>
      eb.or([
        eb('projects.owner_id', '=', userId),
        eb('projects.id', 'in', eb.selectFrom('members').select('members.project_id').where('members.user_id', '=', userId)),
      ]),
    );
}

/**
 * Spec §8.3 delivery step 1, for the owner and the members of `projectId`: when any check of any
 * of a user's projects is down, start their reminders (now + nag period) unless a date is already
 * set; when nothing is down, stop them. Both are single conditional updates per user.
 */
export async function refreshNagDates(db: Db, projectId: number, now: number): Promise<void> {
  const owner = await db.selectFrom('projects').select('owner_id').where('id', '=', projectId).executeTakeFirst();
  if (!owner) return;
  const members = await db.selectFrom('members').select('user_id').where('project_id', '=', projectId).execute();
  for (const userId of new Set([Number(owner.owner_id), ...members.map((m) => Number(m.user_id))])) {
    const down = await db
      .selectFrom('checks')
      .select('checks.id')
      .where('checks.project_id', 'in', projectsOf(db, userId))
      .where('checks.status', '=', 'down')
      .limit(1)
      .executeTakeFirst();
    if (down) {
      await db
        .updateTable('users')
        .set({ next_nag_at: sql<number>`CAST(${now} AS bigint) + nag_period_seconds * 1000` })
        .where('id', '=', userId)
        .where('nag_period_seconds', '>', 0)
        .where('next_nag_at', 'is', null)
        .execute();
    } else {
      await db
        .updateTable('users')
        .set({ next_nag_at: null })
        .where('id', '=', userId)
        .where('next_nag_at', 'is not', null)
        .execute();
    }
  }
}

/** refreshNagDates for the project of `checkId` (what the flip processor has at hand). */
export async function refreshNagDatesOfCheck(db: Db, checkId: number, now: number): Promise<void> {
  const check = await db.selectFrom('checks').select('project_id').where('id', '=', checkId).executeTakeFirst();
  if (check) await refreshNagDates(db, Number(check.project_id), now);
}

/** A check with the name of its project, for reports grouped by project. */
export interface OwnedCheck extends Check {
  projectName: string;
}

/** Every check of every project `userId` owns or is a member of, by project name, then check id. */
export async function listUserChecks(db: Db, userId: number): Promise<OwnedCheck[]> {
  const rows = await db
    .selectFrom('checks')
    .innerJoin('projects', 'projects.id', 'checks.project_id')
    .selectAll('checks')
    .select('projects.name as project_name')
    .where('projects.id', 'in', projectsOf(db, userId))
    .orderBy('projects.name')
    .orderBy('projects.id')
    .orderBy('checks.id')
    .execute();
  return rows.map((r) => {
    const { project_name, ...row } = r;
    const check = toCheck(row) as OwnedCheck;
    check.projectName = project_name;
    return check;
  });
}

const IN_LIST_CHUNK = 500;

/** Flips of the given checks newer than `since` (index flips_check_created), per check id. */
export async function listFlipsSince(db: Db, checkIds: readonly number[], since: number): Promise<Map<number, FlipSpan[]>> {
  const byCheck = new Map<number, FlipSpan[]>();
  for (let i = 0; i < checkIds.length; i += IN_LIST_CHUNK) {
    const rows = await db
      .selectFrom('flips')
      .select(['check_id', 'created_at', 'old_status'])
      .where('check_id', 'in', checkIds.slice(i, i + IN_LIST_CHUNK))
      .where('created_at', '>', since)
      .execute();
    for (const r of rows) {
      const id = Number(r.check_id);
      const list = byCheck.get(id) ?? [];
      list.push({ createdAt: r.created_at, oldStatus: r.old_status });
      byCheck.set(id, list);
    }
  }
  return byCheck;
}

/** A hard bounce of a report (spec §4.20): reports off and reminders off. False: no such user. */
export async function turnOffReportsAndNags(db: Db, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ reports: 'off', next_report_at: null, nag_period_seconds: 0, next_nag_at: null })
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
