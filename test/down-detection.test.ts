import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { detectDown } from '../src/alerts/detect-down.js';
import { manualClock, systemClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { openDeps } from '../src/main.js';
import { startDetectorLoop } from '../src/scheduler/detector-loop.js';
import { findDueChecks, markDownIfUnchanged } from '../src/store/down-detection.js';
import { testDialects } from './support/databases.js';
import { flipsOf, makeCheck, makeProject, reload, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

for (const dialect of testDialects()) {
  describe(`down detection (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    const ping = (code: string, suffix = '') => h.app.inject({ url: `/ping/${code}${suffix}` });

    test('a check with timeout 60 s and grace 60 s goes down at its deadline with exactly one flip', async () => {
      const check = await makeCheck(h.deps, project, { timeout_seconds: 60, grace_seconds: 60 });
      await ping(check.code);
      const deadline = h.clock.now() + 120_000;
      assert.equal(await detectDown(h.deps, deadline - 1), 0, 'not before the deadline');
      assert.equal((await reload(h.deps, check.code)).status, 'up');
      assert.equal(await detectDown(h.deps, deadline + 5), 1);
      assert.equal(await detectDown(h.deps, deadline + 10), 0, 'and only once');
      const c = await reload(h.deps, check.code);
      assert.equal(c.status, 'down');
      assert.equal(c.alertAfter, null);
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(
        flips.map((f) => [f.old_status, f.new_status, f.reason, f.created_at, f.processed_at]),
        [
          ['new', 'up', '', deadline - 120_000, null],
          ['up', 'down', 'timeout', deadline, null],
        ],
      );
    });

    test('a check only in grace is left up and its alert_after rewritten when stale (item 170)', async () => {
      const lastPing = h.clock.now() - HOUR;
      const check = await makeCheck(h.deps, project, { status: 'up', last_ping_at: lastPing, alert_after: lastPing });
      assert.equal(await detectDown(h.deps, h.clock.now()), 0);
      const c = await reload(h.deps, check.code);
      assert.equal(c.status, 'up');
      assert.equal(c.alertAfter, lastPing + DAY + HOUR);
    });

    test('an up check pinged two days ago goes down with the flip dated at alert_after', async () => {
      const lastPing = h.clock.now() - 2 * DAY;
      const check = await makeCheck(h.deps, project, {
        status: 'up',
        last_ping_at: lastPing,
        alert_after: lastPing + DAY + HOUR,
      });
      assert.equal(await detectDown(h.deps, h.clock.now()), 1);
      const [flip] = await flipsOf(h.deps, check.id);
      assert.equal(flip!.created_at, lastPing + DAY + HOUR);
    });

    test('new and paused checks that start and never finish go down (examples H and J)', async () => {
      for (const status of ['new', 'paused'] as const) {
        const check = await makeCheck(h.deps, project, { status });
        await ping(check.code, '/start');
        const started = h.clock.now();
        assert.equal(await detectDown(h.deps, started + HOUR), 1, status);
        const flips = await flipsOf(h.deps, check.id);
        assert.deepEqual(
          flips.map((f) => [f.old_status, f.new_status, f.reason, f.created_at]),
          [[status, 'down', 'timeout', started + HOUR]],
        );
      }
    });

    test('a ping landing between read and write wins: the detector records nothing', async () => {
      const check = await makeCheck(h.deps, project, { timeout_seconds: 60, grace_seconds: 60 });
      await ping(check.code);
      const due = (await findDueChecks(h.deps.store.db, h.clock.now() + 121_000, 1000)).find((c) => c.id === check.id);
      assert.ok(due);
      h.clock.advance(100_000);
      await ping(check.code);
      const won = await markDownIfUnchanged(h.deps.store, due, { at: 0, oldStatus: 'up', newStatus: 'down', reason: 'timeout' });
      assert.equal(won, false);
      assert.equal((await reload(h.deps, check.code)).status, 'up');
      assert.equal((await flipsOf(h.deps, check.id)).length, 1, 'only the new→up flip');
    });

    test('several detectors on one database record each flip exactly once', async () => {
      const clock = manualClock(h.clock.now());
      const others = await Promise.all(
        Array.from({ length: 3 }, () =>
          openDeps(
            { DATABASE_URL: h.databaseUrl, SECRET_KEY: 'test-secret-key-not-for-production', LOG_LEVEL: 'silent' },
            { clock, log: silentLogger },
          ),
        ),
      );
      try {
        const checks = [];
        for (let i = 0; i < 60; i++)
          checks.push(
            await makeCheck(h.deps, project, {
              status: 'up',
              last_ping_at: clock.now() - 3 * DAY,
              alert_after: clock.now() - DAY + i,
            }),
          );
        const counts = await Promise.all([h.deps, ...others].map((deps) => detectDown(deps, clock.now())));
        assert.ok(counts.reduce((a, b) => a + b, 0) >= 60);
        for (const check of checks) assert.equal((await flipsOf(h.deps, check.id)).length, 1);
      } finally {
        await Promise.all(others.map((d) => d.store.close()));
      }
    });

    test('the detector loop wakes for a deadline on its own, in real time', async () => {
      const deps = { ...h.deps, clock: systemClock };
      const check = await makeCheck(h.deps, project, {
        status: 'up',
        timeout_seconds: 1,
        grace_seconds: 1,
        last_ping_at: Date.now() - 1_500,
        alert_after: Date.now() + 500,
      });
      let flipsSeen = 0;
      const loop = startDetectorLoop(deps, { onFlips: (n) => (flipsSeen += n) });
      try {
        for (let waited = 0; waited < 10_000 && (await reload(h.deps, check.code)).status !== 'down'; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await loop.stop();
      }
      assert.equal((await reload(h.deps, check.code)).status, 'down');
      assert.ok(flipsSeen >= 1);
      assert.equal((await flipsOf(h.deps, check.id)).length, 1);
    });
  });
}
