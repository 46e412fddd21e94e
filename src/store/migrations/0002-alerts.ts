import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Profile fields of spec §1.2 the alert pipeline needs, rate-limit buckets, delivery leases. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const ms = 'bigint';
  const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  const users = [
    ['reports', 'text', (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('monthly')],
    ['nag_period_seconds', 'integer', zero],
    ['next_report_at', ms, (c: ColumnDefinitionBuilder) => c],
    ['next_nag_at', ms, (c: ColumnDefinitionBuilder) => c],
    ['tz', 'text', (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('UTC')],
    // null: the default of a self-hosted install (10,000 a month, spec §1.2)
    ['sms_limit', 'integer', (c: ColumnDefinitionBuilder) => c],
    ['sms_sent', 'integer', zero],
    ['last_sms_at', ms, (c: ColumnDefinitionBuilder) => c],
    ['call_limit', 'integer', (c: ColumnDefinitionBuilder) => c],
    ['calls_sent', 'integer', zero],
    ['last_call_at', ms, (c: ColumnDefinitionBuilder) => c],
  ] as const;
  for (const [name, type, build] of users) {
    await db.schema.alterTable('users').addColumn(name, type, build).execute();
  }
  // the report and nag senders: "whose date has passed"
  await db.schema.createIndex('users_next_report_at').on('users').column('next_report_at').execute();
  await db.schema
    .createIndex('users_next_nag_at')
    .on('users')
    .column('next_nag_at')
    .where(sql.ref('next_nag_at'), 'is not', null)
    .execute();

  // a project's down checks: notification summaries ("2 other checks are also down") and nags
  await db.schema.createIndex('checks_project_status').on('checks').columns(['project_id', 'status']).execute();

  await db.schema
    .createTable('token_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  // A claimed delivery belongs to its sender until this instant; past it, a sender that died
  // mid-delivery is presumed gone and another one takes the notification over.
  await db.schema.alterTable('notifications').addColumn('lease_until', ms).execute();
  // the delivery log of a channel (test notifications are replaced, the API shows the latest)
  await db.schema.createIndex('notifications_channel').on('notifications').columns(['channel_id', 'created_at']).execute();
}
