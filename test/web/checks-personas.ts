import type { FastifyInstance } from 'fastify';
import { createProject } from '../../src/accounts/create-project.js';
import type { Deps } from '../../src/deps.js';
import type { MemberRole } from '../../src/store/schema.js';
import type { TestProject } from '../support/factories.js';
import { loggedInClient, type WebClient } from '../support/web-client.js';

export type Persona = WebClient & { userId: number };

export interface Personas {
  project: TestProject;
  /** Owns the project. */
  owner: Persona;
  /** A member with write access. */
  member: Persona;
  /** A read-only member. */
  readOnly: Persona;
  /** Logged in, but not in the project. */
  outsider: Persona;
}

let serial = 0;

async function addMember(deps: Deps, projectId: number, userId: number, role: MemberRole): Promise<void> {
  await deps.store.db
    .insertInto('members')
    .values({ project_id: projectId, user_id: userId, role, created_at: deps.clock.now() })
    .execute();
}

/** A project owned by a logged-in user, with a writer, a read-only teammate and an outsider. */
export async function personas(deps: Deps, app: FastifyInstance, name = 'Backups'): Promise<Personas> {
  const n = ++serial;
  const owner = await loggedInClient(deps, app, `owner${n}@example.org`);
  const member = await loggedInClient(deps, app, `member${n}@example.org`);
  const readOnly = await loggedInClient(deps, app, `reader${n}@example.org`);
  const outsider = await loggedInClient(deps, app, `outsider${n}@example.org`);
  const { project } = await createProject(deps, { name, ownerEmail: `owner${n}@example.org` });
  const row = await deps.store.db.selectFrom('projects').select('id').where('code', '=', project.id).executeTakeFirstOrThrow();
  const projectId = Number(row.id);
  await addMember(deps, projectId, member.userId, 'w');
  await addMember(deps, projectId, readOnly.userId, 'r');
  return { project: { ...project, projectId }, owner, member, readOnly, outsider };
}

/** The `<tr>` of one check in a list page or fragment. */
export function rowOf(body: string, code: string): string {
  const match = new RegExp(`<tr data-code="${code}">[\\s\\S]*?</tr>`).exec(body);
  return match ? match[0] : '';
}

/** The check UUIDs of a list, in order. */
export function listedCodes(body: string): string[] {
  return [...body.matchAll(/<tr data-code="([^"]+)">/g)].map((m) => m[1]!);
}
