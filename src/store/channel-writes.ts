import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface NewChannel {
  code: string;
  projectId: number;
  name: string;
  kind: string;
  value: string;
  emailVerified: boolean;
  createdAt: number;
}

/**
 * Inserts a channel and assigns it to `checkIds` in one transaction, so a failure leaves no
 * half-made channel. The check ids were read from the same project by the caller.
 */
export async function insertChannel(db: Kysely<Database>, channel: NewChannel, checkIds: number[]): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('channels')
      .values({
        code: channel.code,
        project_id: channel.projectId,
        name: channel.name,
        kind: channel.kind,
        value: channel.value,
        email_verified: channel.emailVerified ? 1 : 0,
        created_at: channel.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    if (checkIds.length > 0) {
      await tx
        .insertInto('checks_channels')
        .values(checkIds.map((check_id) => ({ check_id, channel_id: id })))
        .execute();
    }
    return id;
  });
}

/**
 * A partial update: only the given fields change; `checkIds`, when given, replaces the
 * assignments. A changed configuration re-enables a channel that a provider had disabled.
 */
export async function updateChannel(
  db: Kysely<Database>,
  id: number,
  change: { name?: string; value?: string; emailVerified?: boolean; checkIds?: number[] },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const set = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.value !== undefined ? { value: change.value, disabled: 0 as const, last_error: '' } : {}),
      ...(change.emailVerified !== undefined ? { email_verified: change.emailVerified ? (1 as const) : (0 as const) } : {}),
    };
    if (Object.keys(set).length > 0) await tx.updateTable('channels').set(set).where('id', '=', id).execute();
    if (change.checkIds) {
      await tx.deleteFrom('checks_channels').where('channel_id', '=', id).execute();
      if (change.checkIds.length > 0) {
        await tx
          .insertInto('checks_channels')
          .values(change.checkIds.map((check_id) => ({ check_id, channel_id: id })))
          .execute();
      }
    }
  });
}

/** Deleting a channel cascades to its assignments and notifications. */
export async function deleteChannel(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('channels').where('id', '=', id).execute();
}

/** The UUIDs of the checks a channel is assigned to, sorted. */
export async function checkCodesOfChannel(db: Kysely<Database>, channelId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('checks_channels')
    .innerJoin('checks', 'checks.id', 'checks_channels.check_id')
    .select('checks.code')
    .where('checks_channels.channel_id', '=', channelId)
    .orderBy('checks.code')
    .execute();
  return rows.map((r) => r.code);
}

/** Check ids of a project by UUID, for assignment lists; unknown UUIDs are simply absent. */
export async function projectCheckIdsByCode(db: Kysely<Database>, projectId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('checks').select(['id', 'code']).where('project_id', '=', projectId).execute();
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}
