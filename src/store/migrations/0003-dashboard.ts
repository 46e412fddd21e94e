import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Dashboard sessions, emailed login links, and project members (spec §1.3). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const refType = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's random token: a leaked table opens no session
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  // logging a user out everywhere (password change, account closed)
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('project_id', refType, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id').onDelete('cascade'))
    // r = read-only, w = member, m = manager (spec §1.3); the owner is projects.owner_id
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('w'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('members_pk', ['project_id', 'user_id'])
    .execute();
  // "my projects": the projects overview and every access check
  await db.schema.createIndex('members_user').on('members').column('user_id').execute();

  await db.schema
    .alterTable('users')
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('checks_sort', 'text', (c) => c.notNull().defaultTo('created'))
    .execute();
}
