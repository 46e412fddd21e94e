import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Moves a check to another project in one transaction: its integrations belonged to the old
 * project, so it leaves them and takes every integration of the new one (as a new check does).
 * The version bump tells pings and the detector that the row changed.
 */
export async function moveCheckToProject(db: Kysely<Database>, checkId: number, targetProjectId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('checks')
      .set((eb) => ({ project_id: targetProjectId, version: eb('version', '+', 1) }))
      .where('id', '=', checkId)
      .execute();
    await tx.deleteFrom('checks_channels').where('check_id', '=', checkId).execute();
    const channels = await tx.selectFrom('channels').select('id').where('project_id', '=', targetProjectId).execute();
    if (channels.length > 0) {
      await tx
        .insertInto('checks_channels')
        .values(channels.map((c) => ({ check_id: checkId, channel_id: Number(c.id) })))
        .execute();
    }
  });
}
