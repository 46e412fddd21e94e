import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export async function insertSession(
  db: Kysely<Database>,
  s: { tokenHash: string; userId: number; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

export interface SessionUser {
  id: number;
  email: string;
  isSuperuser: boolean;
  theme: string;
}

/** The user of a live session (primary key lookup), or undefined. */
export async function findSessionUser(db: Kysely<Database>, tokenHash: string, now: number): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.is_superuser', 'users.theme'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row && { id: Number(row.id), email: row.email, isSuperuser: row.is_superuser === 1, theme: row.theme };
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Logs a user out everywhere (password change, closed account), optionally but one session. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number, except?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('token_hash', '!=', except);
  await query.execute();
}

/** Sessions past their expiry (they no longer log anyone in); returns how many went. */
export async function pruneExpiredSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
