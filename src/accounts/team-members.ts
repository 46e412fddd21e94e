import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import type { MemberRole } from '../store/schema.js';
import { deleteMember, listMembers, updateMemberRole, type TeamMember } from '../store/team.js';
import { requireManager, type AccessibleProject } from './project-access.js';

export type { MemberRole, TeamMember };

export const MEMBER_ROLES: readonly MemberRole[] = ['r', 'w', 'm'];

export const ROLE_LABELS: Record<MemberRole | 'owner', string> = {
  owner: 'Owner',
  m: 'Manager',
  w: 'Member',
  r: 'Read-only',
};

/** A role from a form: r (read-only), w (member) or m (manager), spec §1.3. */
export function parseRole(value: string): MemberRole {
  const role = MEMBER_ROLES.find((r) => r === value);
  if (!role) throw new AppError('bad_request', 'The role must be read-only, member or manager.');
  return role;
}

export interface Team {
  owner: { userId: number; email: string };
  members: TeamMember[];
}

export async function teamOf(deps: Pick<Deps, 'store'>, project: AccessibleProject): Promise<Team> {
  return {
    owner: { userId: project.ownerId, email: project.ownerEmail },
    members: await listMembers(deps.store.db, project.id),
  };
}

/** Owner or manager; the owner's own role is not a member's role and cannot change here. */
export async function changeMemberRole(
  deps: Pick<Deps, 'store'>,
  project: AccessibleProject,
  userId: number,
  role: MemberRole,
): Promise<void> {
  requireManager(project);
  if (!(await updateMemberRole(deps.store.db, project.id, userId, role)))
    throw new AppError('bad_request', 'That user is not a member of this project.');
}

/** Owner or manager removes a member (the owner cannot be removed: transfer first). */
export async function removeMember(deps: Pick<Deps, 'store'>, project: AccessibleProject, userId: number): Promise<void> {
  requireManager(project);
  if (!(await deleteMember(deps.store.db, project.id, userId)))
    throw new AppError('bad_request', 'That user is not a member of this project.');
}

/**
 * A member leaves on their own, whatever their role (a read-only member too: leaving changes
 * only their own access). The owner must transfer the project first.
 */
export async function leaveProject(deps: Pick<Deps, 'store'>, project: AccessibleProject, userId: number): Promise<void> {
  if (project.ownerId === userId)
    throw new AppError('bad_request', 'The owner cannot leave the project; transfer it to a member first.');
  if (!(await deleteMember(deps.store.db, project.id, userId)))
    throw new AppError('bad_request', 'You are not a member of this project.');
}
