import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ChannelSummary {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** A project's integrations in creation order (index channels_project). */
export async function listProjectChannels(db: Db, projectId: number): Promise<ChannelSummary[]> {
  const rows = await db
    .selectFrom('channels')
    .select(['id', 'code', 'name', 'kind'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, kind: r.kind }));
}

export interface ChannelRecord extends ChannelSummary {
  projectId: number;
  value: string;
  emailVerified: boolean;
  disabled: boolean;
  lastError: string;
}

/** A channel by UUID within a project (group members, the integrations API). */
export async function findProjectChannel(db: Db, projectId: number, code: string): Promise<ChannelRecord | undefined> {
  const r = await db
    .selectFrom('channels')
    .select(['id', 'code', 'name', 'kind', 'value', 'project_id', 'email_verified', 'disabled', 'last_error'])
    .where('project_id', '=', projectId)
    .where('code', '=', code)
    .executeTakeFirst();
  return (
    r && {
      id: Number(r.id),
      code: r.code,
      name: r.name,
      kind: r.kind,
      value: r.value,
      projectId: Number(r.project_id),
      emailVerified: r.email_verified === 1,
      disabled: r.disabled === 1,
      lastError: r.last_error,
    }
  );
}

export async function updateChannelValue(db: Db, channelId: number, value: string): Promise<void> {
  await db.updateTable('channels').set({ value }).where('id', '=', channelId).execute();
}

/** An attempt made outside the outbox (group members, test notifications): spec §9.1 step 4. */
export async function recordChannelAttempt(
  db: Db,
  channelId: number,
  attempt: { startedAt: number; durationMs: number; error: string; disable: boolean },
): Promise<void> {
  await db
    .updateTable('channels')
    .set({
      last_notify_at: attempt.startedAt,
      last_notify_duration_ms: attempt.durationMs,
      last_error: attempt.error.slice(0, 200),
      ...(attempt.disable ? { disabled: 1 as const } : {}),
    })
    .where('id', '=', channelId)
    .execute();
}
