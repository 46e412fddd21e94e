import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Calyptia Cloud resources (spec/calyptia.md §3–5); children cascade with their parent. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const refType = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('core_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', refType, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', 'text')
    .addColumn('environment_name', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('skip_service_creation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('image', 'text')
    .addColumn('last_ping_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // `aggregator name already exists`, and the project's list newest first
  await db.schema.createIndex('core_instances_name').unique().on('core_instances').columns(['project_id', 'name']).execute();
  await db.schema.createIndex('core_instances_page').on('core_instances').columns(['project_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', refType, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('core_instance_id', 'text', (c) => c.notNull().references('core_instances.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('deployment'))
    .addColumn('port_kind', 'text', (c) => c.notNull().defaultTo('LoadBalancer'))
    .addColumn('wait_for_checks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tags', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // `pipeline name already exists` (per core instance), and its pipeline list newest first
  await db.schema.createIndex('pipelines_name').unique().on('pipelines').columns(['core_instance_id', 'name']).execute();
  await db.schema.createIndex('pipelines_page').on('pipelines').columns(['core_instance_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('pipeline_ports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', refType, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('frontend_port', 'integer', (c) => c.notNull())
    .addColumn('backend_port', 'integer', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plugin_id', 'text')
    .addColumn('plugin_name', 'text')
    .addColumn('plugin_alias', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // `pipeline port already in use`: the race-free form of the uniqueness rule (spec §4.4)
  await db.schema
    .createIndex('pipeline_ports_in_use')
    .unique()
    .on('pipeline_ports')
    .columns(['pipeline_id', 'protocol', 'frontend_port'])
    .execute();
  // the pipeline's port list newest first
  await db.schema.createIndex('pipeline_ports_page').on('pipeline_ports').columns(['pipeline_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('cloud_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', refType, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('core_instance_id', 'text', (c) => c.references('core_instances.id').onDelete('cascade'))
    .addColumn('pipeline_id', 'text', (c) => c.references('pipelines.id').onDelete('cascade'))
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('agent_managed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_at', 'bigint')
    .addColumn('last_probe_at', 'bigint')
    .addColumn('last_result', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // the core instance's check list newest first
  await db.schema
    .createIndex('cloud_checks_core_page')
    .on('cloud_checks')
    .columns(['core_instance_id', 'created_at', 'id'])
    .execute();
  // `pipeline check already exists`; core instance checks (pipeline_id NULL) are never equal
  await db.schema
    .createIndex('cloud_checks_pipeline_unique')
    .unique()
    .on('cloud_checks')
    .columns(['pipeline_id', 'protocol', 'host', 'port'])
    .execute();
  // the pipeline's check list newest first
  await db.schema
    .createIndex('cloud_checks_pipeline_page')
    .on('cloud_checks')
    .columns(['pipeline_id', 'created_at', 'id'])
    .execute();
}
