import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { resolveApiKey } from './api-keys.js';

export interface ApiCaller {
  projectId: number;
  /** Read-only keys see the read-only shape: no UUIDs, no ping or management URLs. */
  readOnly: boolean;
}

/**
 * Spec §4.3 / §5.2: a key is 32 characters (anything else: `missing api key`); read endpoints
 * accept read-write and read-only keys, write endpoints read-write keys only (a read-only key
 * there is a `wrong api key`).
 */
export async function authenticateApiKey(
  deps: Pick<Deps, 'store' | 'secretKey'>,
  presented: string,
  access: 'read' | 'write',
): Promise<ApiCaller> {
  if (presented.length !== 32) throw new AppError('unauthorized', 'missing api key');
  const readWrite = await resolveApiKey(deps.store, deps.secretKey, presented, 'read-write');
  if (readWrite !== undefined) return { projectId: readWrite, readOnly: false };
  if (access === 'read') {
    const readOnly = await resolveApiKey(deps.store, deps.secretKey, presented, 'read-only');
    if (readOnly !== undefined) return { projectId: readOnly, readOnly: true };
  }
  throw new AppError('unauthorized', 'wrong api key');
}
