import type { Kysely, Transaction } from 'kysely';
import type { Database, MemberRole } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface TeamMember {
  userId: number;
  email: string;
  role: MemberRole;
  createdAt: number;
}

/** A project's members (primary key members_pk), by email; the owner is not among them. */
export async function listMembers(db: Db, projectId: number): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['members.user_id', 'users.email', 'members.role', 'members.created_at'])
    .where('members.project_id', '=', projectId)
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ userId: Number(r.user_id), email: r.email, role: r.role, createdAt: Number(r.created_at) }));
}

/** Adds a member unless they already are one; returns whether a row was added. */
export async function insertMember(
  db: Db,
  m: { projectId: number; userId: number; role: MemberRole; createdAt: number },
): Promise<boolean> {
  const result = await db
    .insertInto('members')
    .values({ project_id: m.projectId, user_id: m.userId, role: m.role, created_at: m.createdAt })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes an existing member's role; false when they are not (or no longer) a member. */
export async function updateMemberRole(db: Db, projectId: number, userId: number, role: MemberRole): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMember(db: Db, projectId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('members')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The user with `email`, created without a usable password when there is none (an invited
 * teammate logs in by emailed link until they set one). Two invitations racing for the same
 * new address both end with the one row the unique index let in.
 */
export async function findOrCreateUser(
  db: Db,
  u: { email: string; unusablePasswordHash: string; createdAt: number },
): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto('users')
    .values({ email: u.email, password_hash: u.unusablePasswordHash, created_at: u.createdAt })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id), created: true };
  const row = await db.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirstOrThrow();
  return { id: Number(row.id), created: false };
}

/** The user a live link of `purpose` was sent to, without using it up (primary key lookup). */
export async function findLoginLink(
  db: Db,
  tokenHash: string,
  purpose: string,
  now: number,
): Promise<{ userId: number; email: string } | undefined> {
  const row = await db
    .selectFrom('login_links')
    .innerJoin('users', 'users.id', 'login_links.user_id')
    .select(['login_links.user_id', 'users.email'])
    .where('login_links.token_hash', '=', tokenHash)
    .where('login_links.purpose', '=', purpose)
    .where('login_links.expires_at', '>', now)
    .executeTakeFirst();
  return row && { userId: Number(row.user_id), email: row.email };
}
