import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What a late delivery report (Twilio callback, email bounce) needs to find and blame. */
export interface NotificationRef {
  id: number;
  code: string;
  channelId: number;
  createdAt: number;
}

/** By its public UUID (unique index on notifications.code). */
export async function findNotificationByCode(db: Db, code: string): Promise<NotificationRef | undefined> {
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'code', 'channel_id', 'created_at'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row && { id: Number(row.id), code: row.code, channelId: Number(row.channel_id), createdAt: row.created_at };
}

/**
 * A delivery reported failed after the fact: the notification's error and its channel's
 * last_error become `error`; `disableChannel` also disables the channel (the recipient is gone).
 * The notification's delivery `status` stays as the sender left it: the message did leave us.
 */
export async function recordDeliveryError(
  db: Kysely<Database>,
  notification: Pick<NotificationRef, 'id' | 'channelId'>,
  error: string,
  disableChannel: boolean,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('notifications').set({ error }).where('id', '=', notification.id).execute();
    await tx
      .updateTable('channels')
      .set(disableChannel ? { last_error: error, disabled: 1 } : { last_error: error })
      .where('id', '=', notification.channelId)
      .execute();
  });
}
