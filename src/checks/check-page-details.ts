import type { Deps } from '../deps.js';
import { projectPingSettings, type ProjectPingSettings } from '../store/check-page-prefs.js';
import { checkForPage, type PageUser, type ProjectCheck } from './check-page-access.js';

export interface CheckDetails extends ProjectCheck {
  /** How the project shows ping URLs (slug or UUID) and its ping key. */
  ping: ProjectPingSettings;
}

/** A check with what its details page shows about pinging it (spec §12). */
export async function checkDetails(
  deps: Pick<Deps, 'store'>,
  user: PageUser,
  projectCode: string,
  checkCode: string,
): Promise<CheckDetails> {
  const page = await checkForPage(deps, user, projectCode, checkCode);
  return { ...page, ping: await projectPingSettings(deps.store.db, page.project.id) };
}
