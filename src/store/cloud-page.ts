import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';

/** Keyset position: lists run newest first on `(created_at, id)`, so a cursor names one row. */
export interface PageCursor {
  createdAt: number;
  id: string;
}

export interface PageRequest {
  /** null: no limit (`last` absent or 0, as the Calyptia CLI's `--last 0`). */
  limit: number | null;
  before: PageCursor | null;
}

export interface Page<T> {
  items: T[];
  /** The last item's position when more rows follow it; null on the last page. */
  next: PageCursor | null;
}

/** The rows strictly older than the cursor (single-table queries: columns are unqualified). */
function olderThan(before: PageCursor | null): RawBuilder<boolean> {
  if (!before) return sql<boolean>`1 = 1`;
  return sql<boolean>`(created_at < ${before.createdAt} OR (created_at = ${before.createdAt} AND id < ${before.id}))`;
}

/** One extra row is fetched to know whether a next page exists without a count query. */
const fetchSize = (page: PageRequest): number | null => (page.limit === null ? null : page.limit + 1);

function cutPage<R extends { created_at: number; id: string }, T>(rows: R[], page: PageRequest, map: (row: R) => T): Page<T> {
  const more = page.limit !== null && rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit ?? 0) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), next: more && last ? { createdAt: Number(last.created_at), id: last.id } : null };
}

/**
 * One page of a single-table list (its filters already applied), newest first on
 * `(created_at, id)`, each row mapped by `map`: what every Cloud API list shares.
 */
export async function readPage<TB extends keyof Database, R extends { created_at: number; id: string }, T>(
  query: SelectQueryBuilder<Database, TB, R>,
  page: PageRequest,
  map: (row: R) => T,
): Promise<Page<T>> {
  let q = query.where(olderThan(page.before)).orderBy(sql`created_at desc, id desc`);
  const size = fetchSize(page);
  if (size !== null) q = q.limit(size);
  return cutPage(await q.execute(), page, map);
}

/** Unique-index violations on both drivers: the race-free way to answer 409. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
