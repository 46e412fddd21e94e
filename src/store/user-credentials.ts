import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface UserCredentials {
  id: number;
  email: string;
  passwordHash: string;
}

const COLUMNS = ['id', 'email', 'password_hash'] as const;
const toCredentials = (r: { id: number; email: string; password_hash: string }): UserCredentials => ({
  id: Number(r.id),
  email: r.email,
  passwordHash: r.password_hash,
});

/** By the normalized address (unique index on users.email). */
export async function findCredentialsByEmail(db: Kysely<Database>, email: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('users').select(COLUMNS).where('email', '=', email).executeTakeFirst();
  return row && toCredentials(row);
}

export async function findCredentialsById(db: Kysely<Database>, userId: number): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('users').select(COLUMNS).where('id', '=', userId).executeTakeFirst();
  return row && toCredentials(row);
}
