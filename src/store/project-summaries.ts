import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/** How a project's checks stand at one instant, for the projects overview. */
export interface ProjectSummary {
  checks: number;
  down: number;
  grace: number;
  running: number;
  channels: number;
}

const EMPTY: ProjectSummary = { checks: 0, down: 0, grace: 0, running: 0, channels: 0 };

const ms = (column: 'timeout_seconds' | 'grace_seconds') => sql<number>`(${sql.ref(column)} * cast(1000 as bigint))`;

/**
 * The overview's statuses in one aggregate over the projects' checks (index
 * checks_project_status), never one computation per check: thousands of checks cost one scan.
 *
 * The computed status (spec §2.3) is read off stored columns. `alert_after` is kept equal to
 * `min(grace start, last start) + grace` by every write (spec §2.4), so "down" — stored down,
 * or that instant passed — is exact for every kind. "Late" needs the grace start: for simple
 * checks it is `last ping + timeout`, exact; for cron and OnCalendar checks it is
 * `alert_after - grace` unless the check is running, when `alert_after` derives from the start
 * instead and the schedule would have to be evaluated: such a check counts as running, not
 * late, until it finishes or goes down.
 */
export async function summarizeProjects(
  db: Kysely<Database>,
  projectIds: readonly number[],
  now: number,
): Promise<Map<number, ProjectSummary>> {
  const out = new Map<number, ProjectSummary>();
  if (projectIds.length === 0) return out;
  const overdue = sql<boolean>`(alert_after is not null and alert_after <= ${now})`;
  // A stored `up` simple check always has alert_after; this also covers rows written without it.
  const simpleDown = sql<boolean>`(status = 'up' and kind = 'simple' and last_ping_at is not null
    and last_ping_at + ${ms('timeout_seconds')} + ${ms('grace_seconds')} <= ${now})`;
  const down = sql<boolean>`(status = 'down' or ${overdue} or ${simpleDown})`;
  const late = sql<boolean>`(status = 'up' and not ${down} and (
      (kind = 'simple' and last_ping_at + ${ms('timeout_seconds')} <= ${now})
      or (kind <> 'simple' and last_start_at is null and alert_after - ${ms('grace_seconds')} <= ${now})))`;
  const running = sql<boolean>`(last_start_at is not null and not ${down})`;
  const count = (condition: RawBuilder<boolean>) => sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('checks')
    .select((eb) => [
      'project_id',
      eb.fn.countAll<number | string>().as('checks'),
      count(down).as('down'),
      count(late).as('grace'),
      count(running).as('running'),
    ])
    .where('project_id', 'in', projectIds)
    .groupBy('project_id')
    .execute();
  for (const r of rows) {
    out.set(Number(r.project_id), {
      ...EMPTY,
      checks: Number(r.checks),
      down: Number(r.down),
      grace: Number(r.grace),
      running: Number(r.running),
    });
  }
  // index channels_project
  const channels = await db
    .selectFrom('channels')
    .select((eb) => ['project_id', eb.fn.countAll<number | string>().as('n')])
    .where('project_id', 'in', projectIds)
    .groupBy('project_id')
    .execute();
  for (const c of channels) {
    const id = Number(c.project_id);
    out.set(id, { ...(out.get(id) ?? EMPTY), channels: Number(c.n) });
  }
  return out;
}

/** How many checks a project holds (index checks_project_slug): a transfer moves them all. */
export async function countProjectChecks(db: Kysely<Database>, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('checks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
