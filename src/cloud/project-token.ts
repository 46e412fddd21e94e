import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { findProjectByCode } from '../store/projects.js';

/** A key of its own, derived from SECRET_KEY, so a token signature never doubles as an API key hash. */
function signingKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('watchpost calyptia project token').digest();
}

function sign(secretKey: string, payload: string): string {
  return createHmac('sha256', signingKey(secretKey)).update(payload).digest('base64url');
}

/**
 * Calyptia's format (spec §2.1): `base64url({"ProjectID": …})` + `.` + signature. Official clients
 * decode the first part to learn the project, so the project's UUID goes there in clear.
 */
export function projectToken(secretKey: string, projectCode: string): string {
  const payload = Buffer.from(JSON.stringify({ ProjectID: projectCode })).toString('base64url');
  return `${payload}.${sign(secretKey, payload)}`;
}

/** Mints the Calyptia-format token of a project (by its UUID), for agents and the Calyptia CLI. */
export async function mintProjectToken(deps: Pick<Deps, 'store' | 'secretKey'>, projectCode: string): Promise<string> {
  const project = await findProjectByCode(deps.store.db, projectCode);
  if (!project) throw new AppError('not_found', 'project not found');
  return projectToken(deps.secretKey, projectCode);
}

/** The project UUID a well-signed token names; undefined for anything else. */
export function readProjectToken(secretKey: string, token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [payload = '', signature = ''] = parts;
  const expected = Buffer.from(sign(secretKey, payload));
  const presented = Buffer.from(signature);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { ProjectID?: unknown };
    return typeof decoded.ProjectID === 'string' ? decoded.ProjectID : undefined;
  } catch {
    return undefined;
  }
}
