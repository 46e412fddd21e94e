import type { Kysely } from 'kysely';
import type { CheckKind, CheckTiming, StoredStatus } from '../domain/check.js';
import type { Database } from './schema.js';

/** What one row of the dashboard's checks list shows and filters on. */
export interface CheckSummary extends CheckTiming {
  code: string;
  name: string;
  slug: string;
  tags: string;
  desc: string;
  lastDurationMs: number | null;
  createdAt: number;
}

/**
 * Every check of a project in creation order, with only the columns the list needs: one query
 * for the whole page, however many checks (served by checks_project_slug's project_id prefix).
 */
export async function listCheckSummaries(db: Kysely<Database>, projectId: number): Promise<CheckSummary[]> {
  const rows = await db
    .selectFrom('checks')
    .select([
      'code',
      'name',
      'slug',
      'tags',
      'description',
      'kind',
      'timeout_seconds',
      'grace_seconds',
      'schedule',
      'tz',
      'status',
      'last_ping_at',
      'last_start_at',
      'last_duration_ms',
      'created_at',
    ])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    slug: r.slug,
    tags: r.tags,
    desc: r.description,
    kind: r.kind as CheckKind,
    timeoutSeconds: r.timeout_seconds,
    graceSeconds: r.grace_seconds,
    schedule: r.schedule,
    tz: r.tz,
    status: r.status as StoredStatus,
    lastPingAt: r.last_ping_at,
    lastStartAt: r.last_start_at,
    lastDurationMs: r.last_duration_ms,
    createdAt: r.created_at,
  }));
}
