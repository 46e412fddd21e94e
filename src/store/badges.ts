import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { CheckKind, StoredStatus } from '../domain/check.js';
import type { BadgeCheck } from '../domain/badge-status.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const BADGE_CHECK_COLUMNS = [
  'checks.kind',
  'checks.timeout_seconds',
  'checks.grace_seconds',
  'checks.schedule',
  'checks.tz',
  'checks.status',
  'checks.last_ping_at',
  'checks.last_start_at',
  'checks.tags',
] as const;

interface BadgeCheckRow {
  kind: string;
  timeout_seconds: number;
  grace_seconds: number;
  schedule: string;
  tz: string;
  status: string;
  last_ping_at: number | null;
  last_start_at: number | null;
  tags: string;
}

function toBadgeCheck(row: BadgeCheckRow): BadgeCheck {
  return {
    kind: row.kind as CheckKind,
    timeoutSeconds: row.timeout_seconds,
    graceSeconds: row.grace_seconds,
    schedule: row.schedule,
    tz: row.tz,
    status: row.status as StoredStatus,
    lastPingAt: row.last_ping_at,
    lastStartAt: row.last_start_at,
    tags: row.tags,
  };
}

/** LIKE pattern for "contains `text`", with `!` as the escape character on both dialects. */
function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * The checks of the project whose badge key is `projectBadgeKey` that may carry `tag` (every
 * check for `*`). The LIKE only narrows the rows (SQLite's LIKE ignores ASCII case): the exact
 * tag-list match is the domain's. An unknown key yields no checks, as in Healthchecks.
 */
export async function listBadgeChecks(db: Db, projectBadgeKey: string, tag: string | null): Promise<BadgeCheck[]> {
  let query = db
    .selectFrom('checks')
    .innerJoin('projects', 'projects.id', 'checks.project_id')
    .where('projects.badge_key', '=', projectBadgeKey)
    .select(BADGE_CHECK_COLUMNS)
    .orderBy('checks.id');
  if (tag !== null) query = query.where(sql<SqlBool>`checks.tags LIKE ${containsPattern(tag)} ESCAPE '!'`);
  const rows = await query.execute();
  return rows.map(toBadgeCheck);
}

export interface CheckBadgeSubject extends BadgeCheck {
  code: string;
  name: string;
}

/** The check behind a `/b/<states>/<badge_key>` URL (checks.badge_key is unique). */
export async function findCheckByBadgeKey(db: Db, badgeKey: string): Promise<CheckBadgeSubject | undefined> {
  const row = await db
    .selectFrom('checks')
    .select([...BADGE_CHECK_COLUMNS, 'checks.code', 'checks.name'])
    .where('checks.badge_key', '=', badgeKey)
    .executeTakeFirst();
  return row && { ...toBadgeCheck(row), code: row.code, name: row.name };
}

/** The distinct raw tag strings of a project's checks, for listing its badge URLs. */
export async function distinctCheckTags(db: Db, projectId: number): Promise<string[]> {
  const rows = await db.selectFrom('checks').select('tags').distinct().where('project_id', '=', projectId).execute();
  return rows.map((r) => r.tags);
}
