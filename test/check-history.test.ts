import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pruneCheckHistory } from '../src/store/check-history.js';
import { testDialects } from './support/databases.js';
import { flipsOf, makeCheck, makeProject, pingsOf, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const DAY = 24 * 3_600_000;

for (const dialect of testDialects()) {
  describe(`pruning a check's history (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    test('keeps the newest pings, and notifications and flips no older than them (item 193)', async () => {
      const now = h.clock.now();
      const check = await makeCheck(h.deps, project, { n_pings: 101 });
      const db = h.deps.store.db;
      // ping n is created n minutes after (now - 200 days)
      const t = (n: number) => now - 200 * DAY + n * 60_000;
      await db
        .insertInto('pings')
        .values(Array.from({ length: 101 }, (_, i) => ({ check_id: check.id, n: i + 1, created_at: t(i + 1), kind: 'success' })))
        .execute();
      const channel = await db
        .insertInto('channels')
        .values({ code: 'c0000000-0000-4000-8000-000000000000', project_id: project.projectId, kind: 'webhook', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('notifications')
        .values([
          { code: 'a0000000-0000-4000-8000-000000000001', check_id: check.id, channel_id: channel.id, created_at: t(1) },
          { code: 'a0000000-0000-4000-8000-000000000002', check_id: check.id, channel_id: channel.id, created_at: t(2) },
        ])
        .execute();
      const flip = (created_at: number) => ({ check_id: check.id, created_at, old_status: 'up', new_status: 'down' });
      await db
        .insertInto('flips')
        .values([flip(t(1)), flip(now - 92 * DAY), flip(t(50))])
        .execute();

      await pruneCheckHistory(db, check.id, 101, 100, now - 93 * DAY);

      const pings = await pingsOf(h.deps, check.id);
      assert.deepEqual([pings[0]!.n, pings.at(-1)!.n, pings.length], [2, 101, 100]);
      const notes = await db.selectFrom('notifications').select('created_at').where('check_id', '=', check.id).execute();
      assert.deepEqual(
        notes.map((n) => n.created_at),
        [t(2)],
        'older than the oldest kept ping: gone',
      );
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(flips.map((f) => f.created_at).sort(), [t(50), now - 92 * DAY].sort(), 'a 92-day-old flip stays');
    });

    test('the owner ping log limit wins over the default', async () => {
      const check = await makeCheck(h.deps, project, { n_pings: 10 });
      const db = h.deps.store.db;
      await db
        .insertInto('pings')
        .values(Array.from({ length: 10 }, (_, i) => ({ check_id: check.id, n: i + 1, created_at: i, kind: 'success' })))
        .execute();
      await db.updateTable('users').set({ ping_log_limit: 3 }).execute();
      try {
        await pruneCheckHistory(db, check.id, 10, 1000, 0);
      } finally {
        await db.updateTable('users').set({ ping_log_limit: null }).execute();
      }
      assert.deepEqual(
        (await pingsOf(h.deps, check.id)).map((p) => p.n),
        [8, 9, 10],
      );
    });
  });
}
