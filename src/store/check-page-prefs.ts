import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** How a project shows its ping URLs (spec §1.1 `show_slugs`, §1.10). */
export interface ProjectPingSettings {
  showSlugs: boolean;
  pingKey: string | null;
}

export async function projectPingSettings(db: Kysely<Database>, projectId: number): Promise<ProjectPingSettings> {
  const row = await db.selectFrom('projects').select(['show_slugs', 'ping_key']).where('id', '=', projectId).executeTakeFirst();
  return { showSlugs: row?.show_slugs === 1, pingKey: row?.ping_key ?? null };
}

export async function setProjectShowSlugs(db: Kysely<Database>, projectId: number, showSlugs: boolean): Promise<void> {
  await db
    .updateTable('projects')
    .set({ show_slugs: showSlugs ? 1 : 0 })
    .where('id', '=', projectId)
    .execute();
}

/** The checks-page preferences of a user (spec §1.2 `sort`, `tz`). */
export interface UserCheckPrefs {
  checksSort: string;
  tz: string;
}

export async function userCheckPrefs(db: Kysely<Database>, userId: number): Promise<UserCheckPrefs> {
  const row = await db.selectFrom('users').select(['checks_sort', 'tz']).where('id', '=', userId).executeTakeFirst();
  return { checksSort: row?.checks_sort ?? 'created', tz: row?.tz ?? 'UTC' };
}

export async function setUserChecksSort(db: Kysely<Database>, userId: number, sort: string): Promise<void> {
  await db.updateTable('users').set({ checks_sort: sort }).where('id', '=', userId).execute();
}
