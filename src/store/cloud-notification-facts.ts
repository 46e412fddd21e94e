import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What a Cloud flip's notification is worded from (the check or core instance that flipped). */

export interface CloudCheckFacts {
  id: string;
  coreInstanceId: string;
  coreInstanceName: string;
  /** The pipeline of a pipeline check, null for a core instance check. */
  pipelineName: string | null;
  tags: string[];
  protocol: string;
  host: string;
  port: number;
  status: string;
  retries: number;
  intervalSeconds: number;
  alertStatus: string;
  lastProbeAt: number | null;
  lastResult: string | null;
  createdAt: number;
  updatedAt: number;
}

const parseTags = (tags: string | null): string[] => (tags === null ? [] : (JSON.parse(tags) as string[]));

/** A check with the names of what it hangs on: directly on a core instance, or on one of its pipelines. */
export async function cloudCheckFacts(db: Kysely<Database>, id: string): Promise<CloudCheckFacts | null> {
  const row = await db
    .selectFrom('cloud_checks as c')
    .leftJoin('pipelines as p', 'p.id', 'c.pipeline_id')
    .innerJoin('core_instances as ci', (join) =>
      join.on((eb) => eb.or([eb('ci.id', '=', eb.ref('c.core_instance_id')), eb('ci.id', '=', eb.ref('p.core_instance_id'))])),
    )
    .select([
      'c.id',
      'ci.id as core_instance_id',
      'ci.name as core_instance_name',
      'p.name as pipeline_name',
      'ci.tags',
      'c.protocol',
      'c.host',
      'c.port',
      'c.status',
      'c.retries',
      'c.interval_seconds',
      'c.alert_status',
      'c.last_probe_at',
      'c.last_result',
      'c.created_at',
      'c.updated_at',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    coreInstanceId: row.core_instance_id,
    coreInstanceName: row.core_instance_name,
    pipelineName: row.pipeline_name,
    tags: parseTags(row.tags),
    protocol: row.protocol,
    host: row.host,
    port: Number(row.port),
    status: row.status,
    retries: Number(row.retries),
    intervalSeconds: Number(row.interval_seconds),
    alertStatus: row.alert_status,
    lastProbeAt: row.last_probe_at === null ? null : Number(row.last_probe_at),
    lastResult: row.last_result,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export interface CoreInstanceFacts {
  id: string;
  name: string;
  version: string;
  tags: string[];
  alertStatus: string;
  lastPingAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export async function coreInstanceFacts(db: Kysely<Database>, id: string): Promise<CoreInstanceFacts | null> {
  const row = await db
    .selectFrom('core_instances')
    .select(['id', 'name', 'version', 'tags', 'alert_status', 'last_ping_at', 'created_at', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    tags: parseTags(row.tags),
    alertStatus: row.alert_status,
    lastPingAt: row.last_ping_at === null ? null : Number(row.last_ping_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
