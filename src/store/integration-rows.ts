import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One integration as the dashboard lists it: its state and how many checks use it. */
export interface IntegrationRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  value: string;
  disabled: boolean;
  lastError: string;
  lastNotifyAt: number | null;
  checkCount: number;
}

/**
 * A project's integrations in creation order (index channels_project), each with its number of
 * assigned checks counted in the same query (index checks_channels_channel).
 */
export async function listIntegrationRows(db: Kysely<Database>, projectId: number): Promise<IntegrationRow[]> {
  const rows = await db
    .selectFrom('channels')
    .select((eb) => [
      'channels.id',
      'channels.code',
      'channels.name',
      'channels.kind',
      'channels.value',
      'channels.disabled',
      'channels.last_error',
      'channels.last_notify_at',
      eb
        .selectFrom('checks_channels')
        .select((sub) => sub.fn.countAll().as('n'))
        .whereRef('checks_channels.channel_id', '=', 'channels.id')
        .as('check_count'),
    ])
    .where('channels.project_id', '=', projectId)
    .orderBy('channels.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    value: r.value,
    disabled: r.disabled === 1,
    lastError: r.last_error,
    lastNotifyAt: r.last_notify_at === null ? null : Number(r.last_notify_at),
    checkCount: Number(r.check_count ?? 0),
  }));
}

/** How many checks a project has (index checks_project_slug, by its leading column). */
export async function countProjectChecks(db: Kysely<Database>, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('checks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
