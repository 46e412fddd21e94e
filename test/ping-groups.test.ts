import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { detectDown } from '../src/alerts/detect-down.js';
import type { Deps } from '../src/deps.js';
import { applyPing } from '../src/domain/apply-ping.js';
import type { CheckState } from '../src/domain/check.js';
import { silentLogger } from '../src/lib/logger.js';
import { openDeps } from '../src/main.js';
import { makePingRecorder, type PingRequest } from '../src/ping/record-ping.js';
import { commitPingBatch } from '../src/store/ping-batch.js';
import { testDialects } from './support/databases.js';
import { flipsOf, makeCheck, makeProject, pingsOf, reload } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const request = (code: string, action: 'success' | 'fail' = 'success'): PingRequest => ({
  target: { code },
  source: { via: 'http', action, exitStatus: null, method: 'GET', body: new Uint8Array() },
  scheme: 'http',
  remoteAddr: '127.0.0.1',
  method: 'GET',
  ua: '',
  rid: undefined,
  exitStatus: null,
  body: new Uint8Array(),
  bodyTooLarge: false,
  keepWholeBody: false,
  create: false,
});

for (const dialect of testDialects()) {
  describe(`pings from several nodes to one check (${dialect})`, () => {
    let h: Harness;
    let other: Deps;
    before(async () => {
      h = await makeHarness(dialect);
      other = await openDeps(
        { DATABASE_URL: h.databaseUrl, SECRET_KEY: 'test-secret-key-not-for-production', LOG_LEVEL: 'silent' },
        { clock: h.clock, log: silentLogger },
      );
    });
    after(async () => {
      await other.store.close();
      await h.close();
    });

    test('every acknowledged ping is counted once, with contiguous sequence numbers', async () => {
      const check = await makeCheck(h.deps, await makeProject(h.deps));
      const nodes = [makePingRecorder(h.deps), makePingRecorder(other)];
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) => nodes[i % 2]!.record(request(check.code, i % 10 === 9 ? 'fail' : 'success'))),
      );
      await Promise.all(nodes.map((n) => n.drain()));
      assert.deepEqual(new Set(answers), new Set(['ok']));
      assert.equal((await reload(h.deps, check.code)).nPings, 300);
      assert.deepEqual(
        (await pingsOf(h.deps, check.id)).map((p) => p.n),
        Array.from({ length: 300 }, (_, i) => i + 1),
      );
      // Flips alternate: each one starts from the status the previous one ended in.
      const flips = await flipsOf(h.deps, check.id);
      for (let i = 1; i < flips.length; i++) assert.equal(flips[i]!.old_status, flips[i - 1]!.new_status);
    });
  });
}

describe(
  'the locked path of a PostgreSQL group (postgres)',
  { skip: !testDialects().includes('postgres') && 'TEST_DATABASE_URL is not set' },
  () => {
    test('records a mixed group by UUID and slug under row locks', async () => {
      const h = await makeHarness('postgres');
      try {
        const project = await makeProject(h.deps);
        const a = await makeCheck(h.deps, project, { slug: 'a' });
        const b = await makeCheck(h.deps, project, { slug: 'b' });
        await makeCheck(h.deps, project, { slug: 'twin' });
        await makeCheck(h.deps, project, { slug: 'twin' });
        const decide = (check: CheckState, kind: 'success' | 'fail') => {
          const outcome = applyPing(check, { kind, at: h.clock.now(), rid: null, mentionsConfirmation: false });
          const row = {
            createdAt: h.clock.now(),
            scheme: 'http',
            remoteAddr: null,
            method: 'GET',
            ua: '',
            body: null,
            exitStatus: null,
            rid: null,
          };
          return { outcome, row };
        };
        const items = [
          { target: { code: a.code }, payload: 'success' as const },
          { target: { pingKey: project.ping_key, slug: 'b' }, payload: 'fail' as const },
          { target: { code: a.code }, payload: 'fail' as const },
          { target: { pingKey: project.ping_key, slug: 'twin' }, payload: 'success' as const },
          { target: { code: '00000000-0000-4000-8000-000000000000' }, payload: 'success' as const },
        ];
        const results = await commitPingBatch(h.deps.store, items, decide, { optimisticRounds: 0 });
        assert.deepEqual(
          results.map((r) => (r.ok ? r.n : r.error)),
          [1, 1, 2, 'ambiguous', 'not_found'],
        );
        assert.deepEqual([(await reload(h.deps, a.code)).status, (await reload(h.deps, b.code)).status], ['down', 'down']);
        assert.deepEqual(
          (await flipsOf(h.deps, a.id)).map((f) => f.new_status),
          ['up', 'down'],
        );
      } finally {
        await h.close();
      }
    });
  },
);

for (const dialect of testDialects()) {
  describe(`a check written by someone else between two pings (${dialect})`, () => {
    test('the detector marking it down is seen: the next ping flips it up again', async () => {
      const h = await makeHarness(dialect);
      try {
        const check = await makeCheck(h.deps, await makeProject(h.deps), { timeout_seconds: 60, grace_seconds: 60 });
        assert.equal((await h.app.inject({ url: `/ping/${check.code}` })).statusCode, 200);
        h.clock.advance(121_000);
        assert.equal(await detectDown(h.deps), 1);
        assert.equal((await h.app.inject({ url: `/ping/${check.code}` })).statusCode, 200);
        const flips = await flipsOf(h.deps, check.id);
        assert.deepEqual(
          flips.map((f) => [f.old_status, f.new_status]),
          [
            ['new', 'up'],
            ['up', 'down'],
            ['down', 'up'],
          ],
        );
        const c = await reload(h.deps, check.code);
        assert.deepEqual([c.status, c.nPings], ['up', 2]);
      } finally {
        await h.close();
      }
    });
  });
}
