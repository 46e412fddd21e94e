import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { createChannel } from '../alerts/manage-channels.js';
import { createCheck } from '../checks/create-check.js';
import { findProjectByCode } from '../store/projects.js';
import { findUserByEmail } from '../store/users.js';
import { allowAuthIp } from './auth-rate-limits.js';
import { createProject } from './create-project.js';
import { createUser, MIN_PASSWORD_LENGTH, normalizeEmail } from './create-user.js';
import { MAX_PASSWORD_LENGTH } from './log-in.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PROJECT_NAME_MAX = 200;

/** The form's messages: the first problem, in words a person reads. */
export function emailProblem(email: string): string | null {
  if (email === '') return 'Please enter your email address.';
  if (!EMAIL.test(email) || email.length > 254) return 'Please enter a valid email address.';
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

const TAKEN = 'An account with this email address already exists. Log in instead?';

/**
 * A new account with its first project, named after the address as Healthchecks names a new
 * user's default project. The caller starts the session.
 */
export async function signUp(
  deps: Deps,
  input: { email: string; password: string; ip: string | null },
): Promise<{ userId: number; projectCode: string } | 'rate_limited'> {
  if (!(await allowAuthIp(deps, input.ip))) return 'rate_limited';
  const email = normalizeEmail(input.email);
  const problem = emailProblem(email) ?? passwordProblem(input.password);
  if (problem) throw new AppError('bad_request', problem);
  if (await findUserByEmail(deps.store.db, email)) throw new AppError('conflict', TAKEN);
  let userId: number;
  try {
    userId = (await createUser(deps, { email, password: input.password, isSuperuser: false })).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw new AppError('conflict', TAKEN);
    throw error;
  }
  const { project } = await createProject(deps, { name: email.slice(0, PROJECT_NAME_MAX), ownerEmail: email });
  await addFirstCheck(deps, project.id, email);
  return { userId, projectCode: project.id };
}

/**
 * As Healthchecks' signup does (spec §12 `/accounts/`): a first check to ping, and alerts by email
 * to the address just signed up with (confirmed: its owner is the one typing it), so a new user
 * is notified without setting anything up.
 */
async function addFirstCheck(deps: Deps, projectCode: string, email: string): Promise<void> {
  const project = await findProjectByCode(deps.store.db, projectCode);
  if (!project) return;
  const caller = { projectId: project.id, readOnly: false };
  await createCheck(deps, caller, { name: 'My First Check', slug: 'my-first-check', unique: [] }, 3);
  await createChannel(deps, caller, { kind: 'email', config: { value: email, up: true, down: true } });
}
