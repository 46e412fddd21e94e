import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export async function renameProject(db: Kysely<Database>, projectId: number, name: string): Promise<void> {
  await db.updateTable('projects').set({ name }).where('id', '=', projectId).execute();
}

/**
 * Deletes a project with everything in it: keys, checks, their pings, flips and notifications,
 * channels and memberships all go by the schema's ON DELETE CASCADE.
 */
export async function deleteProject(db: Kysely<Database>, projectId: number): Promise<boolean> {
  const result = await db.deleteFrom('projects').where('id', '=', projectId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Thrown inside the transfer's transaction to undo it; never leaves this file. */
class TransferAborted extends Error {}

/**
 * Makes the member `toUserId` the owner and the old owner a manager, all or nothing. Both
 * conditions are checked by the writes themselves (the new owner's membership row must exist,
 * the project must still belong to `fromUserId`), so two concurrent transfers cannot both win.
 */
export async function transferOwnership(
  db: Kysely<Database>,
  t: { projectId: number; fromUserId: number; toUserId: number; now: number },
): Promise<boolean> {
  try {
    await db.transaction().execute(async (tx) => {
      const left = await tx
        .deleteFrom('members')
        .where('project_id', '=', t.projectId)
        .where('user_id', '=', t.toUserId)
        .executeTakeFirst();
      if (Number(left.numDeletedRows) !== 1) throw new TransferAborted();
      const moved = await tx
        .updateTable('projects')
        .set({ owner_id: t.toUserId })
        .where('id', '=', t.projectId)
        .where('owner_id', '=', t.fromUserId)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw new TransferAborted();
      await tx
        .insertInto('members')
        .values({ project_id: t.projectId, user_id: t.fromUserId, role: 'm', created_at: t.now })
        .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role: 'm' }))
        .execute();
    });
    return true;
  } catch (error) {
    if (error instanceof TransferAborted) return false;
    throw error;
  }
}
