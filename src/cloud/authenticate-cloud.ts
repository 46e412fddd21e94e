import { resolveApiKey } from '../accounts/api-keys.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { findProjectByCode } from '../store/projects.js';
import { readProjectToken } from './project-token.js';

/**
 * The project behind a Calyptia request: `X-Project-Token` (what official clients send) or
 * `Authorization: Bearer` (what the published docs show), carrying either a Calyptia-format
 * project token or the project's read-write API key.
 */
export async function authenticateCloud(
  deps: Pick<Deps, 'store' | 'secretKey'>,
  headers: { projectToken?: string | undefined; authorization?: string | undefined },
): Promise<number> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  const presented = headers.projectToken?.trim() || bearer;
  if (!presented) throw new AppError('unauthorized', 'unauthenticated');
  const fromKey = await resolveApiKey(deps.store, deps.secretKey, presented, 'read-write');
  if (fromKey !== undefined) return fromKey;
  const code = readProjectToken(deps.secretKey, presented);
  const project = code === undefined ? undefined : await findProjectByCode(deps.store.db, code);
  if (!project) throw new AppError('unauthorized', 'invalid token');
  return project.id;
}
