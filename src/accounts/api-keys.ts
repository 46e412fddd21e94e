import { createHmac, timingSafeEqual } from 'node:crypto';
import { alphanumericToken } from '../lib/ids.js';
import { findApiKeyCandidates } from '../store/projects.js';
import type { Store } from '../store/open-store.js';
import type { ApiKeyScope } from '../store/schema.js';

const PREFIX: Record<ApiKeyScope, string> = { 'read-write': 'hcw_', 'read-only': 'hcr_' };

/** The stored form (spec §5.1): characters 5–12 to find candidates, an HMAC to verify. */
export interface StoredApiKey {
  prefix: string;
  hash: string;
}

export function hashApiKey(secretKey: string, key: string): StoredApiKey {
  return { prefix: key.slice(4, 12), hash: createHmac('sha256', secretKey).update(key).digest('hex') };
}

/** A new key in Healthchecks' format: `hcw_`/`hcr_` + 28 characters of [A-Za-z0-9]. */
export function generateApiKey(scope: ApiKeyScope): string {
  return PREFIX[scope] + alphanumericToken(28);
}

/** The project a presented key belongs to, checking the HMAC in constant time; undefined if none. */
export async function resolveApiKey(
  store: Store,
  secretKey: string,
  key: string,
  scope: ApiKeyScope,
): Promise<number | undefined> {
  if (key.length !== 32 || !key.startsWith(PREFIX[scope])) return undefined;
  const { prefix, hash } = hashApiKey(secretKey, key);
  const presented = Buffer.from(hash, 'hex');
  for (const candidate of await findApiKeyCandidates(store.db, prefix, scope)) {
    const stored = Buffer.from(candidate.hash, 'hex');
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) return candidate.projectId;
  }
  return undefined;
}
