import type { Kysely, Transaction } from 'kysely';
import type { ApiKeyScope, Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the settings page may know of a stored key: never the key, only its lookup prefix. */
export interface ApiKeyRecord {
  scope: ApiKeyScope;
  /** Characters 5–12 of the key. */
  prefix: string;
  createdAt: number;
}

/** The project's keys (at most one per scope, by the api_keys_project_scope constraint). */
export async function listApiKeys(db: Db, projectId: number): Promise<ApiKeyRecord[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['scope', 'prefix', 'created_at'])
    .where('project_id', '=', projectId)
    .execute();
  return rows.map((r) => ({ scope: r.scope, prefix: r.prefix, createdAt: Number(r.created_at) }));
}

/**
 * Sets the project's key of that scope in one statement: two people regenerating the same key
 * at once leave exactly one of the two keys behind (a delete-then-insert would break the
 * unique constraint for the slower one).
 */
export async function upsertApiKey(
  db: Db,
  key: { projectId: number; scope: ApiKeyScope; prefix: string; hash: string; createdAt: number },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({ project_id: key.projectId, scope: key.scope, prefix: key.prefix, hash: key.hash, created_at: key.createdAt })
    .onConflict((oc) =>
      oc.columns(['project_id', 'scope']).doUpdateSet({ prefix: key.prefix, hash: key.hash, created_at: key.createdAt }),
    )
    .execute();
}

export async function deleteApiKey(db: Db, projectId: number, scope: ApiKeyScope): Promise<void> {
  await db.deleteFrom('api_keys').where('project_id', '=', projectId).where('scope', '=', scope).execute();
}

/** null revokes it: the project can no longer be pinged by slug (spec §3.8). */
export async function setPingKey(db: Db, projectId: number, pingKey: string | null): Promise<void> {
  await db.updateTable('projects').set({ ping_key: pingKey }).where('id', '=', projectId).execute();
}

export async function findPingKey(db: Db, projectId: number): Promise<string | null> {
  const row = await db.selectFrom('projects').select('ping_key').where('id', '=', projectId).executeTakeFirst();
  return row?.ping_key ?? null;
}
