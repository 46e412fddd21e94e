import { requireWrite } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { clearCheckEvents } from '../store/check-page-clear.js';
import { callerFor, type ProjectCheck } from './check-page-access.js';
import { deleteCheck } from './delete-check.js';
import { pauseCheck, resumeCheck } from './pause-check.js';

export type CheckAction = 'pause' | 'resume' | 'remove' | 'clear';

/**
 * The details page's buttons (spec §12), for members with write access: pause and resume as
 * the API does them (a paused check resumes to `new`; resuming one that is not paused is a
 * conflict), remove as the API's rename-and-delete, and clear events.
 */
export async function checkPageAction(
  deps: Pick<Deps, 'store' | 'clock'>,
  page: ProjectCheck,
  action: CheckAction,
): Promise<void> {
  requireWrite(page.project);
  const caller = callerFor(page.project);
  const code = page.check.code;
  switch (action) {
    case 'pause':
      await pauseCheck(deps, caller, code);
      return;
    case 'resume':
      await resumeCheck(deps, caller, code);
      return;
    case 'remove':
      await deleteCheck(deps, caller, code);
      return;
    case 'clear':
      await clearCheckEvents(deps.store.db, page.check.id);
      return;
  }
}
