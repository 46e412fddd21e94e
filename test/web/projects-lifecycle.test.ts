import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newUuid } from '../../src/lib/ids.js';
import { findProjectByCode } from '../../src/store/projects.js';
import { listMembers } from '../../src/store/team.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { makePersonas, makeTeamProject, type Personas } from './projects-personas.js';

async function addCheck(h: Harness, projectId: number): Promise<void> {
  await h.deps.store.db
    .insertInto('checks')
    .values({ code: newUuid(), project_id: projectId, badge_key: newUuid(), created_at: h.clock.now() })
    .execute();
}

for (const dialect of testDialects()) {
  describe(`project rename, transfer and delete (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    before(async () => {
      h = await makeHarness(dialect);
      p = await makePersonas(h);
    });
    after(() => h.close());

    test('any read-write member renames the project, within 60 characters', async () => {
      const { code } = await makeTeamProject(h, p);
      await p.member.get(`/projects/${code}/team/`);
      const res = await p.member.post(`/projects/${code}/rename/`, { name: ' Nightly <jobs> ' });
      assert.equal(res.statusCode, 303);
      assert.equal((await findProjectByCode(h.deps.store.db, code))?.name, 'Nightly <jobs>');
      const page = await p.member.get(`/projects/${code}/team/`);
      assert.match(page.body, /The project was renamed/);
      assert.match(page.body, /value="Nightly &lt;jobs&gt;"/);
      assert.equal((await p.member.post(`/projects/${code}/rename/`, { name: 'x'.repeat(61) })).statusCode, 400);
      assert.equal((await p.member.post(`/projects/${code}/rename/`, { name: '' })).statusCode, 400);
      await p.superuser.get('/projects/');
      assert.equal((await p.superuser.post(`/projects/${code}/rename/`, { name: 'By root' })).statusCode, 303);
      assert.equal((await findProjectByCode(h.deps.store.db, code))?.name, 'By root');
    });

    test('the owner transfers the project to a member and stays on as a manager', async () => {
      const { code, id } = await makeTeamProject(h, p);
      await p.manager.get(`/projects/${code}/team/`);
      assert.equal((await p.manager.post(`/projects/${code}/transfer/`, { user: String(p.manager.userId) })).statusCode, 403);
      await p.member.get(`/projects/${code}/team/`);
      assert.equal((await p.member.post(`/projects/${code}/transfer/`, { user: String(p.member.userId) })).statusCode, 403);
      await p.owner.get(`/projects/${code}/team/`);
      assert.equal((await p.owner.post(`/projects/${code}/transfer/`, { user: String(p.outsider.userId) })).statusCode, 400);

      const res = await p.owner.post(`/projects/${code}/transfer/`, { user: String(p.member.userId) });
      assert.equal(res.statusCode, 303);
      assert.equal((await findProjectByCode(h.deps.store.db, code))?.ownerId, p.member.userId);
      const members = await listMembers(h.deps.store.db, id);
      assert.deepEqual(
        members.map((m) => [m.email, m.role]),
        [
          ['manager@example.org', 'm'],
          ['owner@example.org', 'm'],
          ['readonly@example.org', 'r'],
        ],
      );
      const overview = await p.owner.get('/projects/');
      assert.match(overview.body, /<dd>Manager<\/dd>\s*<dt>Owner<\/dt>\s*<dd>member@example.org<\/dd>/);
      // the old owner is now a manager: transfer and delete are no longer theirs
      assert.equal((await p.owner.post(`/projects/${code}/transfer/`, { user: String(p.manager.userId) })).statusCode, 403);
      assert.doesNotMatch((await p.owner.get(`/projects/${code}/team/`)).body, /Delete project/);
      assert.match((await p.member.get(`/projects/${code}/team/`)).body, /Delete project/);
    });

    test('a transfer needs room under the new owner’s check limit', async () => {
      const { code, id } = await makeTeamProject(h, p);
      await addCheck(h, id);
      await h.deps.store.db.updateTable('users').set({ check_limit: 0 }).where('id', '=', p.manager.userId).execute();
      try {
        await p.owner.get(`/projects/${code}/team/`);
        const res = await p.owner.post(`/projects/${code}/transfer/`, { user: String(p.manager.userId) });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /does not have enough capacity/);
        assert.equal((await findProjectByCode(h.deps.store.db, code))?.ownerId, p.owner.userId);
      } finally {
        await h.deps.store.db.updateTable('users').set({ check_limit: null }).where('id', '=', p.manager.userId).execute();
      }
    });

    test('only the owner deletes the project, by typing its name; its checks go with it', async () => {
      const { code, id } = await makeTeamProject(h, p);
      await addCheck(h, id);
      await p.manager.get(`/projects/${code}/team/`);
      assert.equal((await p.manager.post(`/projects/${code}/remove/`, { confirm_name: 'Backups' })).statusCode, 403);
      await p.owner.get(`/projects/${code}/team/`);
      assert.equal((await p.owner.post(`/projects/${code}/remove/`, { confirm_name: 'backups' })).statusCode, 400);
      assert.ok(await findProjectByCode(h.deps.store.db, code));

      const res = await p.owner.post(`/projects/${code}/remove/`, { confirm_name: 'Backups' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/projects/');
      assert.match((await p.owner.get('/projects/')).body, /The project Backups was deleted/);
      assert.equal(await findProjectByCode(h.deps.store.db, code), undefined);
      const checks = await h.deps.store.db.selectFrom('checks').select('id').where('project_id', '=', id).execute();
      assert.equal(checks.length, 0);
      assert.equal((await listMembers(h.deps.store.db, id)).length, 0);
      assert.equal((await p.member.get(`/projects/${code}/team/`)).statusCode, 404);
    });

    test('a superuser may delete any project', async () => {
      const { code } = await makeTeamProject(h, p, 'Old stuff');
      await p.superuser.get(`/projects/${code}/team/`);
      assert.equal((await p.superuser.post(`/projects/${code}/remove/`, { confirm_name: 'Old stuff' })).statusCode, 303);
      assert.equal(await findProjectByCode(h.deps.store.db, code), undefined);
    });
  });
}
