import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface UserRecord {
  id: number;
  email: string;
  isSuperuser: boolean;
  checkLimit: number | null;
  pingLogLimit: number | null;
}

export async function insertUser(
  db: Db,
  u: { email: string; passwordHash: string; isSuperuser: boolean; createdAt: number },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ email: u.email, password_hash: u.passwordHash, is_superuser: u.isSuperuser ? 1 : 0, created_at: u.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const toUser = (r: {
  id: number;
  email: string;
  is_superuser: number;
  check_limit: number | null;
  ping_log_limit: number | null;
}): UserRecord => ({
  id: Number(r.id),
  email: r.email,
  isSuperuser: r.is_superuser === 1,
  checkLimit: r.check_limit,
  pingLogLimit: r.ping_log_limit,
});

const USER_COLUMNS = ['id', 'email', 'is_superuser', 'check_limit', 'ping_log_limit'] as const;

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function findFirstSuperuser(db: Db): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('is_superuser', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && toUser(row);
}
