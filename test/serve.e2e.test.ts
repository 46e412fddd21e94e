import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { Deps } from '../src/deps.js';
import { silentLogger } from '../src/lib/logger.js';
import { openDeps } from '../src/main.js';
import { freshDatabase, testDialects, type TestDatabase } from './support/databases.js';
import { flipsOf, makeCheck, makeProject, pingsOf, reload, type TestProject } from './support/factories.js';
import { startServer } from './support/server-process.js';

const SECRET = 'test-secret-key-not-for-production';

function hasFaketime(): boolean {
  try {
    execFileSync('faketime', ['-f', '+0 x1', 'true']);
    return true;
  } catch {
    return false;
  }
}

/** Keeps `concurrency` POSTs with unique bodies in flight until stopped; returns the acknowledged bodies. */
function pingLoad(url: string, concurrency: number) {
  const acked: string[] = [];
  let running = true;
  let i = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (running) {
      const body = `ping-${i++}`;
      try {
        const res = await fetch(url, { method: 'POST', body });
        if (res.status === 200 && (await res.text()) === 'OK') acked.push(body);
      } catch {
        // the server went away mid-request: that ping was never acknowledged
      }
    }
  });
  return {
    acked,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

for (const dialect of testDialects()) {
  describe(`the server process (${dialect})`, () => {
    let db: TestDatabase;
    let deps: Deps;
    let project: TestProject;
    let env: Record<string, string>;
    before(async () => {
      db = await freshDatabase(dialect);
      env = { DATABASE_URL: db.url, SECRET_KEY: SECRET };
      deps = await openDeps({ ...env, LOG_LEVEL: 'silent' }, { log: silentLogger });
      project = await makeProject(deps);
    });
    after(async () => {
      await deps.store.close();
      await db.drop();
    });

    test('serves pings and status, and stops cleanly on SIGTERM', async () => {
      const check = await makeCheck(deps, project);
      const server = await startServer(env);
      const res = await fetch(`${server.url}/ping/${check.code}`);
      assert.equal(await res.text(), 'OK');
      assert.equal(await (await fetch(`${server.url}/api/v3/status/`)).text(), 'OK');
      assert.equal(await server.stop(), 0, server.output());
      assert.equal((await reload(deps, check.code)).nPings, 1);
    });

    test('SIGTERM under load: every acknowledged ping is committed, and the exit is clean', async () => {
      const check = await makeCheck(deps, project);
      const server = await startServer(env);
      const load = pingLoad(`${server.url}/ping/${check.code}`, 16);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const exit = server.stop();
      await load.stop();
      assert.equal(await exit, 0, server.output());
      const stored = new Set((await pingsOf(deps, check.id)).map((p) => Buffer.from(p.body!).toString()));
      assert.ok(load.acked.length > 0);
      for (const body of load.acked) assert.ok(stored.has(body), `acknowledged ${body} was lost`);
    });

    test('kill -9 right after 200 OK never loses that ping', async () => {
      const check = await makeCheck(deps, project);
      const server = await startServer(env);
      const load = pingLoad(`${server.url}/ping/${check.code}`, 16);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await server.kill9();
      await load.stop();
      const pings = await pingsOf(deps, check.id);
      const stored = new Set(pings.map((p) => Buffer.from(p.body!).toString()));
      assert.ok(load.acked.length > 0);
      for (const body of load.acked) assert.ok(stored.has(body), `acknowledged ${body} was lost`);
      assert.equal((await reload(deps, check.code)).nPings, pings.length, 'n_pings matches the stored pings');
    });

    test('three detector nodes on one database record each flip exactly once', async () => {
      const deadline = Date.now() + 2_500;
      const checks = [];
      for (let i = 0; i < 60; i++) {
        const fields = {
          status: 'up',
          timeout_seconds: 60,
          grace_seconds: 60,
          last_ping_at: deadline - 120_000 + i,
          alert_after: deadline + i,
        };
        checks.push(await makeCheck(deps, project, fields));
      }
      const nodes = await Promise.all([0, 1, 2].map(() => startServer(env)));
      try {
        for (let waited = 0; waited < 20_000; waited += 100) {
          const states = await Promise.all(checks.map((c) => reload(deps, c.code)));
          if (states.every((c) => c.status === 'down')) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
      }
      for (const [i, check] of checks.entries()) {
        const flips = await flipsOf(deps, check.id);
        assert.deepEqual(
          flips.map((f) => [f.new_status, f.created_at]),
          [['down', deadline + i]],
          `check ${i}`,
        );
      }
    });

    test(
      'under faketime x60, a 60 s + 60 s check goes down once, dated at its deadline',
      { skip: hasFaketime() ? false : 'faketime is not installed (apt-get install faketime)' },
      async () => {
        const check = await makeCheck(deps, project, { timeout_seconds: 60, grace_seconds: 60 });
        const server = await startServer(env, ['faketime', '-f', '+0 x60']);
        try {
          assert.equal(await (await fetch(`${server.url}/ping/${check.code}`)).text(), 'OK');
          // 120 s of server time is 2 s of ours; allow plenty for a loaded machine.
          for (let waited = 0; waited < 30_000 && (await reload(deps, check.code)).status !== 'down'; waited += 100) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          const c = await reload(deps, check.code);
          assert.equal(c.status, 'down');
          const down = (await flipsOf(deps, check.id)).filter((f) => f.new_status === 'down');
          assert.equal(down.length, 1);
          assert.equal(down[0]!.created_at, c.lastPingAt! + 120_000);
          assert.equal(down[0]!.reason, 'timeout');
        } finally {
          await server.stop();
        }
      },
    );
  });
}
