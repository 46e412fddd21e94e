import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * One status model for the Cloud resources (issue 6 item 4): their flips, the notifications
 * those queue, the prober's due index, and ports that opt in to a probe following them.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const refType = pg ? 'bigint' : 'integer';

  // The last settled result a flip was recorded for ('new' | 'ok' | 'failed'): a re-run that
  // ends the same way, or a status an agent sets to `running` in between, flips nothing.
  await db.schema
    .alterTable('cloud_checks')
    .addColumn('alert_status', 'text', (c) => c.notNull().defaultTo('new'))
    .execute();
  // When the prober next looks at the check (null: an agent manages it). One indexed instant
  // covers new checks, re-probes and a dead prober's claim, as `next_attempt_at` does for senders.
  await db.schema.alterTable('cloud_checks').addColumn('next_probe_at', 'bigint').execute();
  await sql`UPDATE cloud_checks SET next_probe_at = coalesce(last_probe_at, 0) + interval_seconds * 1000
            WHERE agent_managed = 0`.execute(db);
  await db.schema
    .createIndex('cloud_checks_due')
    .on('cloud_checks')
    .column('next_probe_at')
    .where(sql.ref('next_probe_at'), 'is not', null)
    .execute();
  // The port a check follows (created by the port's opt-in, gone with the port); one per port.
  await db.schema
    .alterTable('cloud_checks')
    .addColumn('port_id', 'text', (c) => c.references('pipeline_ports.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('cloud_checks_port').unique().on('cloud_checks').column('port_id').execute();

  // Watchpost extension for UDP checks: the datagram sent, and the text a reply must contain
  await db.schema.alterTable('cloud_checks').addColumn('payload', 'text').execute();
  await db.schema.alterTable('cloud_checks').addColumn('expect', 'text').execute();

  // Watchpost extension: probe this port at `endpoint:frontendPort` while it has an endpoint.
  await db.schema
    .alterTable('pipeline_ports')
    .addColumn('probe', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // The heartbeat status a flip was last recorded for ('waiting' | 'running' | 'unreachable').
  await db.schema
    .alterTable('core_instances')
    .addColumn('alert_status', 'text', (c) => c.notNull().defaultTo('waiting'))
    .execute();
  await sql`UPDATE core_instances SET alert_status = 'running' WHERE last_ping_at IS NOT NULL`.execute(db);
  // the detector: running core instances whose last ping is oldest
  await db.schema.createIndex('core_instances_alive').on('core_instances').columns(['alert_status', 'last_ping_at']).execute();

  // the project-wide pipeline list (`GET /v1/projects/{id}/pipelines`), newest first
  await db.schema.createIndex('pipelines_project_page').on('pipelines').columns(['project_id', 'created_at', 'id']).execute();

  const flips = pg
    ? db.schema.createTable('cloud_flips').addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema.createTable('cloud_flips').addColumn('id', 'integer', (c) => c.primaryKey());
  await flips
    .addColumn('project_id', refType, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // exactly one of the two subjects is set
    .addColumn('cloud_check_id', 'text', (c) => c.references('cloud_checks.id').onDelete('cascade'))
    .addColumn('core_instance_id', 'text', (c) => c.references('core_instances.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    // in the heartbeat vocabulary ('new' | 'up' | 'down'), so one rule decides what notifies
    .addColumn('old_status', 'text', (c) => c.notNull())
    .addColumn('new_status', 'text', (c) => c.notNull())
    // why: the probe's error, or how long the core instance has been silent
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('cloud_flips_unprocessed')
    .on('cloud_flips')
    .column('id')
    .where(sql.ref('processed_at'), 'is', null)
    .execute();
  // a subject's history (downtime in an up message, the dashboard's log)
  await db.schema.createIndex('cloud_flips_check').on('cloud_flips').columns(['cloud_check_id', 'created_at']).execute();
  await db.schema.createIndex('cloud_flips_core').on('cloud_flips').columns(['core_instance_id', 'created_at']).execute();

  // A notification comes from a heartbeat flip (`flip_id`) or a Cloud flip (this), never both.
  await db.schema
    .alterTable('notifications')
    .addColumn('cloud_flip_id', refType, (c) => c.references('cloud_flips.id').onDelete('cascade'))
    .execute();
}
