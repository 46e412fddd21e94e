import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { findCredentialsById } from '../store/user-credentials.js';
import { deleteUser } from '../store/user-writes.js';
import { normalizeEmail } from './create-user.js';

/**
 * Deletes the account once the user has typed its address: their projects (with checks, pings
 * and integrations), memberships, sessions and links go with it through the foreign keys.
 */
export async function closeAccount(deps: Pick<Deps, 'store' | 'log'>, userId: number, typedEmail: string): Promise<void> {
  const user = await findCredentialsById(deps.store.db, userId);
  if (!user) throw new AppError('unauthorized', 'log in first');
  if (normalizeEmail(typedEmail) !== user.email) {
    throw new AppError('bad_request', 'To close the account, type its email address exactly.');
  }
  await deleteUser(deps.store.db, userId);
  deps.log.child({ component: 'accounts' }).info({ userId }, 'account closed');
}
