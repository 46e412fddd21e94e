import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** The raw connections, for the prepared statements of the ping hot path (store/ only). */
  readonly sqlite: SqliteDatabase.Database | null;
  readonly pool: pg.Pool | null;
  close(): Promise<void>;
}

const INT8_OID = 20;

const toNumber = (value: string): number => Number(value);
const int8AsNumber = ((oid: number, format: 'text' | 'binary' = 'text'): unknown =>
  oid === INT8_OID && format === 'text'
    ? toNumber
    : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser;

export function openStore(config: DatabaseConfig, options: { poolSize?: number } = {}): Store {
  if (config.dialect === 'sqlite') return openSqlite(config.path);
  const pool = new pg.Pool({
    connectionString: config.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // Instants are epoch ms in int8 columns; they fit a double, so read them as numbers.
    types: { getTypeParser: int8AsNumber },
  });
  // A client losing its connection must not crash the process, whether it sits idle in the pool
  // or is checked out between two queries of a transaction: the next query reports the failure.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { dialect: 'postgres', db, sqlite: null, pool, close: () => db.destroy() };
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we answer `200 OK` (WAL's NORMAL may lose the last ones).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { dialect: 'sqlite', db, sqlite, pool: null, close: () => db.destroy() };
}
