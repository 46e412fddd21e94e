import type { Deps } from '../deps.js';
import { listProjectsForUser, type ProjectRole } from '../store/members.js';
import { summarizeProjects } from '../store/project-summaries.js';

export type OverallStatus = 'up' | 'grace' | 'down';

/** One card of the projects overview. */
export interface ProjectCard {
  code: string;
  /** The name, or the owner's email when the name is blank (spec §1.1). */
  displayName: string;
  ownerEmail: string;
  role: ProjectRole;
  status: OverallStatus;
  checks: number;
  down: number;
  grace: number;
  running: number;
  channels: number;
}

/**
 * The projects the user owns or belongs to, each with its overall status (down if any check
 * is down, else grace if any is late, else up; spec §12): projects with something down first,
 * then by name. A constant number of queries however many projects and checks there are.
 */
export async function projectOverview(deps: Pick<Deps, 'store' | 'clock'>, user: { id: number }): Promise<ProjectCard[]> {
  const projects = await listProjectsForUser(deps.store.db, user.id);
  const summaries = await summarizeProjects(
    deps.store.db,
    projects.map((p) => p.id),
    deps.clock.now(),
  );
  const cards = projects.map((p): ProjectCard => {
    const s = summaries.get(p.id) ?? { checks: 0, down: 0, grace: 0, running: 0, channels: 0 };
    const status: OverallStatus = s.down > 0 ? 'down' : s.grace > 0 ? 'grace' : 'up';
    return { code: p.code, displayName: p.name || p.ownerEmail, ownerEmail: p.ownerEmail, role: p.role, status, ...s };
  });
  // Array.prototype.sort is stable: the store's name order holds within each group.
  return cards.sort((a, b) => Number(b.status === 'down') - Number(a.status === 'down'));
}
