import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ChannelSummary {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** A project's integrations in creation order (index channels_project). */
export async function listProjectChannels(db: Db, projectId: number): Promise<ChannelSummary[]> {
  const rows = await db
    .selectFrom('channels')
    .select(['id', 'code', 'name', 'kind'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, kind: r.kind }));
}
