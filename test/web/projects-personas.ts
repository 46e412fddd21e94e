import { createProject } from '../../src/accounts/create-project.js';
import { findProjectByCode } from '../../src/store/projects.js';
import { insertMember } from '../../src/store/team.js';
import type { Harness } from '../support/harness.js';
import { loggedInClient, type WebClient } from '../support/web-client.js';

export type Persona = WebClient & { userId: number; email: string };

/** The six people of every projects test (spec §1.3 roles, plus an outsider and a superuser). */
export interface Personas {
  owner: Persona;
  manager: Persona;
  member: Persona;
  readonly: Persona;
  outsider: Persona;
  superuser: Persona;
}

export async function makePersonas(h: Harness): Promise<Personas> {
  const one = async (name: string, superuser = false): Promise<Persona> => {
    const email = `${name}@example.org`;
    const client = await loggedInClient(h.deps, h.app, email, { superuser });
    return Object.assign(client, { email });
  };
  return {
    owner: await one('owner'),
    manager: await one('manager'),
    member: await one('member'),
    readonly: await one('readonly'),
    outsider: await one('outsider'),
    superuser: await one('root', true),
  };
}

/** A project of `owner` with the manager (m), member (w) and read-only member (r) on its team. */
export async function makeTeamProject(h: Harness, p: Personas, name = 'Backups'): Promise<{ code: string; id: number }> {
  const { project } = await createProject(h.deps, { name, ownerEmail: p.owner.email });
  const row = await findProjectByCode(h.deps.store.db, project.id);
  if (!row) throw new Error('project not created');
  const now = h.clock.now();
  for (const [persona, role] of [
    [p.manager, 'm'],
    [p.member, 'w'],
    [p.readonly, 'r'],
  ] as const) {
    await insertMember(h.deps.store.db, { projectId: row.id, userId: persona.userId, role, createdAt: now });
  }
  return { code: project.id, id: row.id };
}
