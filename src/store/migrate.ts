import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../lib/app-error.js';
import type { Dialect } from './dialect.js';
import * as initial from './migrations/0001-initial.js';
import * as alerts from './migrations/0002-alerts.js';
import * as dashboard from './migrations/0003-dashboard.js';
import * as cloud from './migrations/0004-cloud.js';
import * as cloudAlerts from './migrations/0005-cloud-alerts.js';
import type { Store } from './open-store.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** The static, ordered list: adding a migration means adding a line here. */
const MIGRATIONS: ReadonlyArray<readonly [string, DialectMigration]> = [
  ['0001-initial', initial],
  ['0002-alerts', alerts],
  ['0003-dashboard', dashboard],
  ['0004-cloud', cloud],
  ['0005-cloud-alerts', cloudAlerts],
];

function provider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(MIGRATIONS.map(([name, m]): [string, Migration] => [name, { up: (db) => m.up(db, dialect) }])),
      ),
  };
}

/**
 * Applies pending migrations. Kysely's migrator takes a lock (a row lock on PostgreSQL, a
 * transaction on SQLite), so several nodes starting at once apply each migration exactly once.
 */
export async function migrate(store: Store): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: name ours, so a
  // database holding several Watchpost schemas (tests, staging) keeps them apart.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: provider(store.dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    // Nodes starting together race to create the bookkeeping tables (PostgreSQL's CREATE TABLE
    // IF NOT EXISTS is not race-free) or to upgrade a SQLite read lock. The loser's transaction
    // rolled back, so it tries again and finds the winner's work done.
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    if (attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
      continue;
    }
    throw new AppError('unavailable', `migration failed: ${message}`);
  }
}
