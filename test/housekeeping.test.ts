import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../src/accounts/create-user.js';
import { processFlips } from '../src/alerts/process-flips.js';
import { pruneStaleRows } from '../src/maintenance/prune-stale-rows.js';
import { insertLoginLink } from '../src/store/login-links.js';
import { insertSession } from '../src/store/sessions.js';
import { tryConsumeToken } from '../src/store/token-buckets.js';
import { testDialects } from './support/databases.js';
import { makeProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const dialect of testDialects()) {
  describe(`housekeeping (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect);
    });
    after(() => h.close());

    const count = async (table: 'sessions' | 'login_links' | 'token_buckets' | 'cloud_flips' | 'notifications') =>
      Number(
        (
          await h.deps.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('expired sessions and login links, idle rate-limit buckets and Cloud flips past 93 days go; the rest stays', async () => {
      const db = h.deps.store.db;
      const now = h.clock.now();
      const user = await createUser(h.deps, {
        email: 'keeper@example.org',
        password: 'a long enough password',
        isSuperuser: false,
      });
      await insertSession(db, { tokenHash: 'expired', userId: user.id, createdAt: now - 40 * DAY, expiresAt: now - 1 });
      await insertSession(db, { tokenHash: 'live', userId: user.id, createdAt: now, expiresAt: now + DAY });
      await insertLoginLink(db, {
        tokenHash: 'old-link',
        userId: user.id,
        purpose: 'login',
        createdAt: now - HOUR,
        expiresAt: now - 1,
      });
      // inserting a link clears expired ones; this one expires after it is written
      await insertLoginLink(db, {
        tokenHash: 'soon-link',
        userId: user.id,
        purpose: 'login',
        createdAt: now,
        expiresAt: now + HOUR,
      });
      await tryConsumeToken(h.deps.store, 'idle', 10, HOUR, now - 2 * DAY);
      await tryConsumeToken(h.deps.store, 'busy', 10, HOUR, now);

      // a Cloud check that failed 100 days ago and recovered today: two flips, one notification each
      const project = await makeProject(h.deps);
      const auth = { 'x-project-token': project.api_key };
      const channel = await h.app.inject({
        method: 'POST',
        url: '/api/v3/channels/',
        headers: { 'x-api-key': project.api_key },
        payload: { kind: 'email', config: { value: 'ops@example.org', up: true, down: true } },
      });
      assert.equal(channel.statusCode, 201);
      const ci = (await h.app.inject({ method: 'POST', url: '/v1/aggregators', headers: auth, payload: { name: 'edge' } })).json<{
        id: string;
      }>().id;
      const check = (
        await h.app.inject({
          method: 'POST',
          url: `/v1/core_instances/${ci}/checks`,
          headers: auth,
          payload: { protocol: 'tcp', host: 'db.example.org', port: 5432, status: 'ok' },
        })
      ).json<{ id: string }>().id;
      h.clock.set(now - 100 * DAY);
      await h.app.inject({
        method: 'PATCH',
        url: `/v1/core_instance_checks/${check}`,
        headers: auth,
        payload: { status: 'failed' },
      });
      await processFlips(h.deps);
      h.clock.set(now);
      await h.app.inject({ method: 'PATCH', url: `/v1/core_instance_checks/${check}`, headers: auth, payload: { status: 'ok' } });
      await processFlips(h.deps);
      assert.equal(await count('cloud_flips'), 2);
      assert.equal(await count('notifications'), 2);

      h.clock.advance(1);
      assert.deepEqual(await pruneStaleRows(h.deps), { sessions: 1, loginLinks: 0, tokenBuckets: 1, cloudFlips: 1 });
      assert.equal(await count('sessions'), 1);
      assert.equal(await count('token_buckets'), 1);
      assert.equal(await count('cloud_flips'), 1);
      assert.equal(await count('notifications'), 1, "the old flip's notification went with it");

      h.clock.advance(HOUR);
      assert.equal((await pruneStaleRows(h.deps)).loginLinks, 1);
      assert.equal(await count('login_links'), 0);
    });
  });
}
