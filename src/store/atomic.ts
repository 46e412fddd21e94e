import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { Store } from './open-store.js';

/**
 * Runs `fn` as one synchronous SQLite transaction. It never spans an await, so it can't hold
 * the write lock while the event loop waits (better-sqlite3's busy wait would block the loop
 * that must release it). If a Kysely transaction is open on the shared connection, waits for it
 * first: our statements must not join it.
 */
export async function sqliteTransaction<T>(sqlite: SqliteDatabase.Database, fn: () => T): Promise<T> {
  while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
  return sqlite.transaction(fn).immediate();
}

/**
 * A compare-and-set followed by its consequences, atomically: `guard` runs first, and `then`
 * only when the guard changed exactly one row. Returns whether it did.
 */
export async function ifOneRowChanged(store: Store, guard: CompiledQuery, then: CompiledQuery[]): Promise<boolean> {
  if (store.sqlite) {
    const sqlite = store.sqlite;
    const run = (q: CompiledQuery) => sqlite.prepare(q.sql).run(...(q.parameters as unknown[]));
    return sqliteTransaction(sqlite, () => {
      if (run(guard).changes !== 1) return false;
      for (const q of then) run(q);
      return true;
    });
  }
  return store.db.transaction().execute(async (tx) => {
    const result = await tx.executeQuery(guard);
    if (Number(result.numAffectedRows) !== 1) return false;
    for (const q of then) await tx.executeQuery(q);
    return true;
  });
}
