import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reportsUnsubscribeToken } from '../../src/alerts/report-envelope.js';
import { unsubscribeUrl } from '../../src/integrations/email-unsubscribe.js';
import { newUuid } from '../../src/lib/ids.js';
import { testDialects } from '../support/databases.js';
import { makeProject } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`unsubscribe links of emails (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT: 'https://hc.example.org' });
    });
    after(() => h.close());

    const emailChannel = async () => {
      const project = await makeProject(h.deps);
      const code = newUuid();
      await h.deps.store.db
        .insertInto('channels')
        .values({
          code,
          project_id: project.projectId,
          kind: 'email',
          value: 'ops@example.org',
          email_verified: 1,
          created_at: h.clock.now(),
        })
        .execute();
      return code;
    };
    const disabled = async (code: string) =>
      (await h.deps.store.db.selectFrom('channels').select('disabled').where('code', '=', code).executeTakeFirstOrThrow())
        .disabled;
    const path = (url: string) => new URL(url).pathname;

    test('opening a fresh link only asks; the one-click POST (no CSRF token) disables the integration', async () => {
      const code = await emailChannel();
      const url = path(unsubscribeUrl('https://hc.example.org', code, h.clock.now(), h.deps.secretKey));
      const shown = await h.app.inject({ url });
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<form method="post"/);
      assert.doesNotMatch(shown.body, /data-auto-submit/, 'a fresh link may be a mail scanner: no auto-submit');
      assert.equal(await disabled(code), 0, 'GET changes nothing');
      const posted = await h.app.inject({
        method: 'POST',
        url,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(posted.statusCode, 200, posted.body);
      assert.equal(await disabled(code), 1);
    });

    test('a link older than five minutes submits itself; a forged or foreign token is refused', async () => {
      const code = await emailChannel();
      const url = path(unsubscribeUrl('https://hc.example.org', code, h.clock.now(), h.deps.secretKey));
      h.clock.advance(6 * 60_000);
      assert.match((await h.app.inject({ url })).body, /data-auto-submit/);
      const other = await emailChannel();
      const foreign = url.replace(code, other);
      assert.equal((await h.app.inject({ method: 'POST', url: foreign })).statusCode, 400);
      assert.equal((await h.app.inject({ method: 'POST', url: url.replace(/unsub\/[^/]+/, 'unsub/0.0') })).statusCode, 400);
      assert.equal(await disabled(other), 0);
    });

    test("a report email's link turns the user's reports and reminders off", async () => {
      const project = await makeProject(h.deps);
      const owner = await h.deps.store.db
        .selectFrom('projects')
        .select('owner_id')
        .where('id', '=', project.projectId)
        .executeTakeFirstOrThrow();
      const userId = Number(owner.owner_id);
      await h.deps.store.db
        .updateTable('users')
        .set({ reports: 'weekly', nag_period_seconds: 3600 })
        .where('id', '=', userId)
        .execute();
      const token = reportsUnsubscribeToken(userId, h.clock.now(), h.deps.secretKey);
      const res = await h.app.inject({ method: 'POST', url: `/accounts/unsubscribe_reports/${token}/` });
      assert.equal(res.statusCode, 200, res.body);
      const user = await h.deps.store.db
        .selectFrom('users')
        .select(['reports', 'nag_period_seconds'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(user, { reports: 'off', nag_period_seconds: 0 });
      assert.equal((await h.app.inject({ method: 'POST', url: '/accounts/unsubscribe_reports/forged.token/' })).statusCode, 400);
    });
  });
}
