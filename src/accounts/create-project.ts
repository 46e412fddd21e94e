import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import { insertProject, replaceApiKey } from '../store/projects.js';
import { findFirstSuperuser, findUserByEmail, type UserRecord } from '../store/users.js';
import { generateApiKey, hashApiKey } from './api-keys.js';
import { createUser, normalizeEmail } from './create-user.js';

/** What `project create --json` prints: the keys in clear, this once only. */
export interface CreatedProject {
  id: string;
  name: string;
  api_key: string;
  api_key_readonly: string;
  ping_key: string;
}

export interface GeneratedAdmin {
  email: string;
  password: string;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/** 22 characters of [a-z0-9], as Healthchecks' ping keys. */
export function generatePingKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < 22) {
    for (const byte of randomBytes(32)) if (byte < 252 && out.length < 22) out += alphabet[byte % 36];
  }
  return out;
}

/** Without --owner the project goes to the first superuser, created on the spot if needed. */
async function resolveOwner(deps: Deps, ownerEmail: string | undefined): Promise<{ owner: UserRecord; admin?: GeneratedAdmin }> {
  const db = deps.store.db;
  if (ownerEmail !== undefined) {
    const owner = await findUserByEmail(db, normalizeEmail(ownerEmail));
    if (!owner)
      throw new AppError(
        'not_found',
        `no user with email ${ownerEmail} (create one with: watchpost user create --email ${ownerEmail})`,
      );
    return { owner };
  }
  const existing = await findFirstSuperuser(db);
  if (existing) return { owner: existing };
  const password = randomBytes(12).toString('base64url');
  try {
    await createUser(deps, { email: DEFAULT_ADMIN_EMAIL, password, isSuperuser: true });
  } catch (error) {
    // Another process created it first: use theirs (and don't print a password that isn't set).
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    const owner = await findFirstSuperuser(db);
    if (!owner) throw error;
    return { owner };
  }
  const owner = await findFirstSuperuser(db);
  if (!owner) throw new AppError('unavailable', 'the default superuser could not be read back');
  return { owner, admin: { email: DEFAULT_ADMIN_EMAIL, password } };
}

export async function createProject(
  deps: Deps,
  input: { name: string; ownerEmail?: string },
): Promise<{ project: CreatedProject; admin?: GeneratedAdmin }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new AppError('bad_request', 'the project name must have 1 to 200 characters');
  const { owner, admin } = await resolveOwner(deps, input.ownerEmail);
  const now = deps.clock.now();
  const code = newUuid();
  const apiKey = generateApiKey('read-write');
  const apiKeyReadonly = generateApiKey('read-only');
  const pingKey = generatePingKey();
  await deps.store.db.transaction().execute(async (tx) => {
    const projectId = await insertProject(tx, { code, name, ownerId: owner.id, badgeKey: newUuid(), pingKey, createdAt: now });
    await replaceApiKey(tx, { projectId, scope: 'read-write', ...hashApiKey(deps.secretKey, apiKey), createdAt: now });
    await replaceApiKey(tx, { projectId, scope: 'read-only', ...hashApiKey(deps.secretKey, apiKeyReadonly), createdAt: now });
  });
  return {
    project: { id: code, name, api_key: apiKey, api_key_readonly: apiKeyReadonly, ping_key: pingKey },
    ...(admin ? { admin } : {}),
  };
}
