import type { Deps } from '../deps.js';
import { deleteApiKey, setPingKey, upsertApiKey } from '../store/project-settings.js';
import { generateApiKey, hashApiKey } from './api-keys.js';
import { generatePingKey } from './create-project.js';
import { requireWrite, type AccessibleProject } from './project-access.js';
import type { ProjectKeyKind } from './project-keys.js';

type KeyDeps = Pick<Deps, 'store' | 'clock' | 'secretKey' | 'log'>;

/**
 * Creates the project's key of that kind, replacing the previous one (which stops working at
 * once), and returns it in clear: API keys are stored hashed, so this is the only time anyone
 * sees them (spec §5.1). Read-only members may not (403).
 */
export async function createProjectKey(deps: KeyDeps, project: AccessibleProject, kind: ProjectKeyKind): Promise<string> {
  requireWrite(project);
  if (kind === 'ping') {
    const pingKey = generatePingKey();
    await setPingKey(deps.store.db, project.id, pingKey);
    deps.log.info({ projectId: project.id, kind }, 'project key created');
    return pingKey;
  }
  const key = generateApiKey(kind);
  await upsertApiKey(deps.store.db, {
    projectId: project.id,
    scope: kind,
    ...hashApiKey(deps.secretKey, key),
    createdAt: deps.clock.now(),
  });
  deps.log.info({ projectId: project.id, kind }, 'project key created');
  return key;
}

/** Removes the key: API calls with it get 401, slug pings with a revoked ping key 404. */
export async function revokeProjectKey(deps: KeyDeps, project: AccessibleProject, kind: ProjectKeyKind): Promise<void> {
  requireWrite(project);
  if (kind === 'ping') await setPingKey(deps.store.db, project.id, null);
  else await deleteApiKey(deps.store.db, project.id, kind);
  deps.log.info({ projectId: project.id, kind }, 'project key revoked');
}
