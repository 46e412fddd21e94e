import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { findUserByEmail, insertUser } from '../store/users.js';
import { hashPassword } from './password.js';

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(
  deps: Pick<Deps, 'store' | 'clock'>,
  input: { email: string; password: string; isSuperuser: boolean },
): Promise<{ id: number; email: string }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw new AppError('bad_request', `invalid email address: "${input.email}"`);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('bad_request', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (await findUserByEmail(deps.store.db, email)) throw new AppError('conflict', `a user with email ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await insertUser(deps.store.db, {
      email,
      passwordHash,
      isSuperuser: input.isSuperuser,
      createdAt: deps.clock.now(),
    });
    return { id, email };
  } catch (error) {
    // Lost a race with another process creating the same user: the unique index decided.
    if (await findUserByEmail(deps.store.db, email)) throw new AppError('conflict', `a user with email ${email} already exists`);
    throw error;
  }
}
