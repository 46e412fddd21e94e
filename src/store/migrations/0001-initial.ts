import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

type Table = CreateTableBuilder<string, never>;
type Id = (table: Table) => Table;

/** Columns whose types differ by dialect; everything else is portable. */
function columns(dialect: Dialect) {
  const pg = dialect === 'postgres';
  const id: Id = (t) =>
    pg
      ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey());
  const ref = (table: string) => (c: ColumnDefinitionBuilder) => c.notNull().references(`${table}.id`).onDelete('cascade');
  return {
    id,
    ref,
    refType: pg ? ('bigint' as const) : ('integer' as const),
    bytes: pg ? ('bytea' as const) : ('blob' as const),
  };
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { id, ref, refType, bytes } = columns(dialect);
  const ms = 'bigint';
  const flag = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', text)
    .addColumn('is_superuser', 'integer', flag)
    .addColumn('check_limit', 'integer')
    .addColumn('ping_log_limit', 'integer')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('projects'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', text)
    .addColumn('owner_id', refType, ref('users'))
    .addColumn('badge_key', 'text', (c) => c.notNull().unique())
    .addColumn('ping_key', 'text', (c) => c.unique())
    .addColumn('show_slugs', 'integer', flag)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  // the check limit counts an owner's checks across their projects
  await db.schema.createIndex('projects_owner_id').on('projects').column('owner_id').execute();

  await id(db.schema.createTable('api_keys'))
    .addColumn('project_id', refType, ref('projects'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('api_keys_project_scope', ['project_id', 'scope'])
    .execute();
  // resolving a presented key: candidates by prefix, then a constant-time HMAC comparison
  await db.schema.createIndex('api_keys_prefix').on('api_keys').column('prefix').execute();

  await id(db.schema.createTable('checks'))
    .addColumn('code', 'text', (c) => c.notNull().unique()) // ping by UUID, API by UUID
    .addColumn('project_id', refType, ref('projects'))
    .addColumn('name', 'text', text)
    .addColumn('slug', 'text', text)
    .addColumn('tags', 'text', text)
    .addColumn('description', 'text', text)
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('simple'))
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull().defaultTo(86400))
    .addColumn('grace_seconds', 'integer', (c) => c.notNull().defaultTo(3600))
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('* * * * *'))
    .addColumn('tz', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('filter_subject', 'integer', flag)
    .addColumn('filter_body', 'integer', flag)
    .addColumn('filter_http_body', 'integer', flag)
    .addColumn('filter_default_fail', 'integer', flag)
    .addColumn('start_kw', 'text', text)
    .addColumn('success_kw', 'text', text)
    .addColumn('failure_kw', 'text', text)
    .addColumn('methods', 'text', text)
    .addColumn('manual_resume', 'integer', flag)
    .addColumn('badge_key', 'text', (c) => c.notNull().unique()) // per-check badge URLs
    .addColumn('n_pings', 'integer', flag)
    .addColumn('last_ping_at', ms)
    .addColumn('last_start_at', ms)
    .addColumn('last_start_rid', 'text')
    .addColumn('last_duration_ms', ms)
    .addColumn('has_confirmation_link', 'integer', flag)
    .addColumn('alert_after', ms)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    // bumped by every write: the compare-and-set token of pings, the detector and edits
    .addColumn('version', 'integer', flag)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  // slug pings (`/ping/<ping_key>/<slug>`) and the API's `?slug=` filter; project listings
  await db.schema.createIndex('checks_project_slug').on('checks').columns(['project_id', 'slug']).execute();
  // the detector: "earliest alert_after" and "due now"; down checks never have one
  await db.schema
    .createIndex('checks_alert_after')
    .on('checks')
    .column('alert_after')
    .where(sql.ref('alert_after'), 'is not', null)
    .execute();

  await id(db.schema.createTable('pings'))
    .addColumn('check_id', refType, ref('checks'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', text)
    .addColumn('remote_addr', 'text')
    .addColumn('method', 'text', text)
    .addColumn('ua', 'text', text)
    .addColumn('body', bytes)
    .addColumn('exit_status', 'integer')
    .addColumn('rid', 'text')
    .execute();
  // a check's ping log newest first, a body by n, pruning by n
  await db.schema.createIndex('pings_check_n').unique().on('pings').columns(['check_id', 'n']).execute();

  await id(db.schema.createTable('flips'))
    .addColumn('check_id', refType, ref('checks'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('processed_at', ms)
    .addColumn('old_status', 'text', (c) => c.notNull())
    .addColumn('new_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', text)
    .execute();
  // the flips API and downtime statistics, per check by time
  await db.schema.createIndex('flips_check_created').on('flips').columns(['check_id', 'created_at']).execute();
  // the alert pipeline claims the oldest unprocessed flip
  await db.schema.createIndex('flips_unprocessed').on('flips').column('id').where(sql.ref('processed_at'), 'is', null).execute();

  await id(db.schema.createTable('channels'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('project_id', refType, ref('projects'))
    .addColumn('name', 'text', text)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', text)
    .addColumn('email_verified', 'integer', flag)
    .addColumn('disabled', 'integer', flag)
    .addColumn('last_notify_at', ms)
    .addColumn('last_notify_duration_ms', ms)
    .addColumn('last_error', 'text', text)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  // a project's integrations (API list, slug auto-provisioning assigns them all)
  await db.schema.createIndex('channels_project').on('channels').column('project_id').execute();

  await db.schema
    .createTable('checks_channels')
    .addColumn('check_id', refType, ref('checks'))
    .addColumn('channel_id', refType, ref('channels'))
    .addPrimaryKeyConstraint('checks_channels_pk', ['check_id', 'channel_id'])
    .execute();
  // deleting a channel, and "which checks use this channel"
  await db.schema.createIndex('checks_channels_channel').on('checks_channels').column('channel_id').execute();

  await id(db.schema.createTable('notifications'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('check_id', refType, (c) => c.references('checks.id').onDelete('cascade'))
    .addColumn('channel_id', refType, ref('channels'))
    .addColumn('flip_id', refType, (c) => c.references('flips.id').onDelete('set null'))
    .addColumn('check_status', 'text', text)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', flag)
    .addColumn('next_attempt_at', ms)
    .addColumn('claimed_at', ms)
    .addColumn('duration_ms', ms)
    .addColumn('error', 'text', text)
    .execute();
  // senders claim due work: pending notifications by next attempt time
  await db.schema
    .createIndex('notifications_due')
    .on('notifications')
    .column('next_attempt_at')
    .where(sql.ref('status'), 'in', sql`('pending', 'sending')`)
    .execute();
  // a check's delivery log, and pruning alongside its pings
  await db.schema.createIndex('notifications_check').on('notifications').columns(['check_id', 'created_at']).execute();
}
