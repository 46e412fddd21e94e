import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Deps } from '../src/deps.js';
import { openDeps } from '../src/main.js';
import type { ChecksTable } from '../src/store/schema.js';
import { makeProject } from '../test/support/factories.js';
import { BENCH_SECRET_KEY } from './watchpost-process.js';

/** Rows per INSERT: 9 columns × 1,000 stays under both SQLite's and PostgreSQL's bind limits. */
const CHUNK_ROWS = 1_000;

export type CheckRow = Insertable<ChecksTable>;

/** The bench's own connection to the server's database, migrated, closed after `fn`. */
export async function withDatabase<T>(databaseUrl: string, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await openDeps({ DATABASE_URL: databaseUrl, SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'silent' });
  try {
    return await fn(deps);
  } finally {
    await deps.store.close();
  }
}

/** A project for the bench's checks; its id is what check rows reference. */
export async function seedProject(deps: Deps): Promise<number> {
  return (await makeProject(deps, 'Bench')).projectId;
}

/** A check row with Healthchecks' defaults unless overridden; `code` is a fresh UUID. */
export function checkRow(projectId: number, fields: Partial<CheckRow> = {}): CheckRow {
  return { code: randomUUID(), badge_key: randomUUID(), created_at: Date.now(), project_id: projectId, ...fields };
}

/**
 * Bulk insert in one transaction; returns each new id by code (neither dialect promises
 * RETURNING rows in insertion order).
 */
export async function insertChecks(deps: Deps, rows: readonly CheckRow[]): Promise<Map<string, number>> {
  return deps.store.db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const inserted = await trx
        .insertInto('checks')
        .values(rows.slice(i, i + CHUNK_ROWS))
        .returning(['id', 'code'])
        .execute();
      for (const row of inserted) ids.set(row.code, Number(row.id));
    }
    return ids;
  });
}

/** The check's ping counter, read after the server has stopped (and so committed everything). */
export async function nPingsOf(databaseUrl: string, code: string): Promise<number> {
  return withDatabase(databaseUrl, async (deps) => {
    const row = await deps.store.db.selectFrom('checks').select('n_pings').where('code', '=', code).executeTakeFirstOrThrow();
    return Number(row.n_pings);
  });
}
