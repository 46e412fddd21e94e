import type { Deps } from '../deps.js';
import type { ApiKeyScope } from '../store/schema.js';
import { findPingKey, listApiKeys } from '../store/project-settings.js';
import type { AccessibleProject } from './project-access.js';

/** The three keys of a project (spec §5.4): the two API keys and the ping key for slug URLs. */
export type ProjectKeyKind = ApiKeyScope | 'ping';

export const PROJECT_KEY_KINDS: readonly ProjectKeyKind[] = ['read-write', 'read-only', 'ping'];

export const isProjectKeyKind = (value: string): value is ProjectKeyKind =>
  (PROJECT_KEY_KINDS as readonly string[]).includes(value);

export interface ApiKeySummary {
  /** `hcw_`/`hcr_`, 4 known characters, then asterisks: all we can show of a hashed key. */
  masked: string;
  createdAt: number;
}

export interface ProjectKeys {
  readWrite: ApiKeySummary | null;
  readOnly: ApiKeySummary | null;
  /** Kept in clear (it is part of every slug ping URL); null until created or after revoking. */
  pingKey: string | null;
}

const KEY_PREFIX: Record<ApiKeyScope, string> = { 'read-write': 'hcw_', 'read-only': 'hcr_' };

/** Spec §5.4's display of a hashed key: prefix + the first 4 stored characters + 24 asterisks. */
export function maskApiKey(scope: ApiKeyScope, storedPrefix: string): string {
  return KEY_PREFIX[scope] + storedPrefix.slice(0, 4) + '*'.repeat(24);
}

/** What the settings page shows of the project's keys (any member may see this much). */
export async function projectKeys(deps: Pick<Deps, 'store'>, project: AccessibleProject): Promise<ProjectKeys> {
  const [apiKeys, pingKey] = await Promise.all([listApiKeys(deps.store.db, project.id), findPingKey(deps.store.db, project.id)]);
  const summary = (scope: ApiKeyScope): ApiKeySummary | null => {
    const key = apiKeys.find((k) => k.scope === scope);
    return key ? { masked: maskApiKey(scope, key.prefix), createdAt: key.createdAt } : null;
  };
  return { readWrite: summary('read-write'), readOnly: summary('read-only'), pingKey };
}
