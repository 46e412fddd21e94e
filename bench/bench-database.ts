import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Dialect } from '../src/store/dialect.js';

export interface BenchDatabase {
  /** A DATABASE_URL for the server and for seeding in-process. */
  url: string;
  drop(): Promise<void>;
}

/** Temp dirs not yet removed, so an interrupted bench can still clean up after itself. */
const tempDirs = new Set<string>();

export function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Where PostgreSQL figures run, or null to skip them. */
export function postgresBaseUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

/** A fresh, empty database: a SQLite file in a temp dir, or a new PostgreSQL schema. */
export async function freshBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'watchpost-bench-'));
    tempDirs.add(dir);
    const drop = async () => {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    };
    return { url: `sqlite:${join(dir, 'db.sqlite3')}`, drop };
  }
  const base = postgresBaseUrl();
  if (!base) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
  const schema = `wp_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => adminQuery(base, `DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
