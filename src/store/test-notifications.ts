import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * A test notification's row (spec §9.7): no check and no flip, never due (no `next_attempt_at`), so the
 * outbox never picks it up; the channel's earlier test rows are replaced.
 */
export async function startTestNotification(
  db: Kysely<Database>,
  t: { code: string; channelId: number; status: 'up' | 'down'; at: number },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // a Cloud flip's notifications have no check either: only earlier test rows go
    await tx
      .deleteFrom('notifications')
      .where('channel_id', '=', t.channelId)
      .where('check_id', 'is', null)
      .where('cloud_flip_id', 'is', null)
      .execute();
    await tx
      .insertInto('notifications')
      .values({
        code: t.code,
        channel_id: t.channelId,
        check_status: t.status,
        created_at: t.at,
        status: 'sending',
        error: 'Sending',
      })
      .execute();
  });
}

export async function finishTestNotification(
  db: Kysely<Database>,
  code: string,
  outcome: { error: string; durationMs: number },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: outcome.error ? 'failed' : 'sent', error: outcome.error.slice(0, 200), duration_ms: outcome.durationMs })
    .where('code', '=', code)
    .execute();
}
