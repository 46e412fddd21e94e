import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject } from '../../src/accounts/create-project.js';
import { newUuid } from '../../src/lib/ids.js';
import { testDialects } from '../support/databases.js';
import { makeCheck, reload } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { personas, type Personas } from './checks-personas.js';

for (const dialect of testDialects()) {
  describe(`copying and moving a check (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    before(async () => {
      h = await makeHarness(dialect);
      p = await personas(h.deps, h.app);
    });
    after(() => h.close());

    const channel = async (projectId: number) => {
      const code = newUuid();
      const row = await h.deps.store.db
        .insertInto('channels')
        .values({ code, project_id: projectId, kind: 'webhook', value: '{}', created_at: h.clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { code, id: Number(row.id) };
    };
    const channelsOf = async (checkId: number) =>
      (await h.deps.store.db.selectFrom('checks_channels').select('channel_id').where('check_id', '=', checkId).execute()).map(
        (r) => Number(r.channel_id),
      );

    test('"Create a copy" makes a new check with the same settings and integrations, without a slug or history', async () => {
      const hook = await channel(p.project.projectId);
      const original = await makeCheck(h.deps, p.project, {
        name: 'nightly',
        slug: 'nightly',
        tags: 'db prod',
        kind: 'cron',
        schedule: '0 3 * * *',
        tz: 'Europe/Riga',
        grace_seconds: 600,
        n_pings: 7,
      });
      await h.deps.store.db.insertInto('checks_channels').values({ check_id: original.id, channel_id: hook.id }).execute();
      const base = `/projects/${p.project.id}/checks/${original.code}/`;
      await p.member.get(base);
      const res = await p.member.post(`${base}copy/`);
      assert.equal(res.statusCode, 303);
      const copyCode = /\/checks\/([0-9a-f-]{36})\/$/.exec(String(res.headers.location))![1]!;
      assert.notEqual(copyCode, original.code);
      const copy = await reload(h.deps, copyCode);
      assert.deepEqual(
        [copy.name, copy.slug, copy.tags, copy.kind, copy.schedule, copy.tz, copy.graceSeconds, copy.nPings, copy.status],
        ['nightly (copy)', '', 'db prod', 'cron', '0 3 * * *', 'Europe/Riga', 600, 0, 'new'],
      );
      assert.deepEqual(await channelsOf(copy.id), [hook.id]);
    });

    test('"Transfer" moves the check to another project of the user, onto that project\'s integrations', async () => {
      const owner = await h.deps.store.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', p.owner.userId)
        .executeTakeFirstOrThrow();
      const { project: other } = await createProject(h.deps, { name: 'Elsewhere', ownerEmail: owner.email });
      const otherRow = await h.deps.store.db
        .selectFrom('projects')
        .select('id')
        .where('code', '=', other.id)
        .executeTakeFirstOrThrow();
      const theirHook = await channel(Number(otherRow.id));
      const check = await makeCheck(h.deps, p.project, { name: 'mover' });
      const base = `/projects/${p.project.id}/checks/${check.code}/`;
      const page = await p.owner.get(base);
      assert.match(page.body, /<option value="[0-9a-f-]{36}">Elsewhere<\/option>/);
      const res = await p.owner.post(`${base}transfer/`, { project: other.id });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/projects/${other.id}/checks/${check.code}/`);
      const moved = await reload(h.deps, check.code);
      assert.equal(moved.projectId, Number(otherRow.id));
      assert.deepEqual(await channelsOf(check.id), [theirHook.id]);
    });

    test('a project the user cannot write to is refused, and read-only members and outsiders change nothing', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'stays' });
      const base = `/projects/${p.project.id}/checks/${check.code}/`;
      const foreign = await createProject(h.deps, { name: 'Not mine' });
      await p.owner.get(base);
      assert.equal((await p.owner.post(`${base}transfer/`, { project: foreign.project.id })).statusCode, 400);
      await p.readOnly.get(base);
      assert.equal((await p.readOnly.post(`${base}copy/`)).statusCode, 403);
      assert.equal((await p.readOnly.post(`${base}transfer/`, { project: foreign.project.id })).statusCode, 403);
      await p.outsider.get('/projects/');
      assert.equal((await p.outsider.post(`${base}copy/`)).statusCode, 404);
      const noCsrf = await p.owner.post(`${base}copy/`, { _csrf: '' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await reload(h.deps, check.code)).projectId, p.project.projectId);
    });
  });
}
