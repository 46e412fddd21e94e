import { projectFor, requireWrite } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { setProjectShowSlugs } from '../store/check-page-prefs.js';
import type { PageUser } from './check-page-access.js';

/** The slug/UUID ping URL switch (spec §1.1 `show_slugs`): a project setting, for writers only. */
export async function setShowSlugs(
  deps: Pick<Deps, 'store'>,
  user: PageUser,
  projectCode: string,
  showSlugs: boolean,
): Promise<void> {
  const project = await projectFor(deps, user, projectCode);
  requireWrite(project);
  await setProjectShowSlugs(deps.store.db, project.id, showSlugs);
}
