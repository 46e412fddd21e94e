import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { countChecksOwnedBy } from '../store/checks.js';
import { countProjectChecks } from '../store/project-summaries.js';
import {
  deleteProject as deleteProjectRow,
  renameProject as renameProjectRow,
  transferOwnership,
} from '../store/project-writes.js';
import { listMembers } from '../store/team.js';
import { findUserById } from '../store/users.js';
import { createProject } from './create-project.js';
import { requireWrite, type AccessibleProject } from './project-access.js';

/** The web form's limit (spec §1.1); the API and CLI allow 200. */
export const PROJECT_NAME_MAX = 60;

function validName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > PROJECT_NAME_MAX)
    throw new AppError('bad_request', `The project name must have 1 to ${PROJECT_NAME_MAX} characters.`);
  return name;
}

/** A new project owned by `user`; returns its code. Its API keys are made on its settings page. */
export async function addProject(deps: Deps, user: { email: string }, rawName: string): Promise<string> {
  const { project } = await createProject(deps, { name: validName(rawName), ownerEmail: user.email });
  return project.id;
}

/** Renaming: any read-write member. */
export async function renameProject(deps: Pick<Deps, 'store'>, project: AccessibleProject, rawName: string): Promise<void> {
  requireWrite(project);
  await renameProjectRow(deps.store.db, project.id, validName(rawName));
}

/** Transfer and deletion: the owner (or a superuser) only. */
export function requireOwner(project: AccessibleProject): void {
  if (project.role !== 'owner') throw new AppError('forbidden', 'only the owner can do this');
}

/**
 * Hands the project to one of its members (owner only); the old owner stays on as a manager.
 * The check limit is per owner, so the new owner must have room for the project's checks.
 */
export async function transferProject(
  deps: Pick<Deps, 'store' | 'clock' | 'config'>,
  project: AccessibleProject,
  toUserId: number,
): Promise<void> {
  requireOwner(project);
  const db = deps.store.db;
  const member = (await listMembers(db, project.id)).find((m) => m.userId === toUserId);
  if (!member) throw new AppError('bad_request', 'The new owner must be a member of the project.');
  const newOwner = await findUserById(db, toUserId);
  const limit = newOwner?.checkLimit ?? deps.config.checkLimit;
  const needed = (await countChecksOwnedBy(db, toUserId)) + (await countProjectChecks(db, project.id));
  if (needed > limit)
    throw new AppError('bad_request', `${member.email} does not have enough capacity for this project's checks.`);
  const moved = await transferOwnership(db, {
    projectId: project.id,
    fromUserId: project.ownerId,
    toUserId,
    now: deps.clock.now(),
  });
  // Lost a race with another change of the team: nothing was written.
  if (!moved) throw new AppError('conflict', 'The team changed meanwhile; reload the page and try again.');
}

/** Deleting: owner only, confirmed by typing the project's name as shown. */
export async function deleteProject(deps: Pick<Deps, 'store'>, project: AccessibleProject, confirmName: string): Promise<void> {
  requireOwner(project);
  const shown = project.name || project.ownerEmail;
  if (confirmName.trim() !== shown) throw new AppError('bad_request', 'Type the project name exactly to confirm the deletion.');
  await deleteProjectRow(deps.store.db, project.id);
}
