import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { listProjectChannels } from '../store/channels.js';

/**
 * The `channels` field (spec §4.9): `*` all, `''` none, else comma-separated UUIDs or exact
 * names of the project's channels, each matching exactly one. Errors before anything is saved.
 */
export async function resolveChannels(deps: Pick<Deps, 'store'>, projectId: number, spec: string): Promise<number[]> {
  const channels = await listProjectChannels(deps.store.db, projectId);
  if (spec === '*') return channels.map((c) => c.id);
  if (spec === '') return [];
  const ids = new Set<number>();
  for (const item of spec.split(',')) {
    if (item === '') throw new AppError('bad_request', 'empty channel identifier');
    const matches = channels.filter((c) => c.code === item || c.name === item);
    if (matches.length === 0) throw new AppError('bad_request', `invalid channel identifier: ${item}`);
    if (matches.length > 1) throw new AppError('bad_request', `non-unique channel identifier: ${item}`);
    ids.add(matches[0]!.id);
  }
  return [...ids];
}
