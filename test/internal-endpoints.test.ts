import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from '../src/deps.js';
import { signBounceId } from '../src/domain/bounce-id.js';
import { readBodiesOfAnyType } from '../src/http/any-body.js';
import { internalRoutes } from '../src/http/api/internal-routes.js';
import { installErrorMapper } from '../src/http/error-mapper.js';
import { newUuid } from '../src/lib/ids.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The plugin mounted as api-routes.ts mounts the Management API: bodies of any type, as bytes. */
async function internalApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorMapper(app);
  await app.register(async (api) => {
    readBodiesOfAnyType(api);
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_request, body, done) => done(null, body));
    await api.register(internalRoutes(deps));
  });
  await app.ready();
  return app;
}

/** Healthchecks' test DSN (hc/api/tests/test_bounces.py). */
function dsn(toLocal: string, status = '5.0.0', diagnosticCode = ''): string {
  return `Subject: Undelivered Mail Returned to Sender
To: ${toLocal}@example.org
Content-Type: multipart/report; report-type=delivery-status;
 boundary=e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0

--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0
Content-Description: Notification
Content-Type: text/plain; charset="utf-8"


Hello.

--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-Mta: dns; example.com

Status: ${status}
Action: failed
${diagnosticCode}

--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0
Content-Transfer-Encoding: 8bit
Content-Type: message/rfc822-headers
Content-Description: Undelivered message header

To: foo@example.com


--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0--
`;
}

for (const dialect of testDialects()) {
  describe(`internal endpoints (${dialect})`, () => {
    let h: Harness;
    let app: FastifyInstance;
    let project: TestProject;
    let checkId: number;
    before(async () => {
      h = await makeHarness(dialect);
      app = await internalApp(h.deps);
      project = await makeProject(h.deps);
      checkId = (await makeCheck(h.deps, project, { status: 'up' })).id;
    });
    after(async () => {
      await app.close();
      await h.close();
    });

    const db = () => h.deps.store.db;

    /** A verified email channel and a notification sent on it `ageMs` ago. */
    async function sent(ageMs = 0) {
      const now = h.clock.now();
      const channel = await db()
        .insertInto('channels')
        .values({
          code: newUuid(),
          project_id: project.projectId,
          kind: 'email',
          value: 'alice@example.org',
          email_verified: 1,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const code = newUuid();
      await db()
        .insertInto('notifications')
        .values({
          code,
          check_id: checkId,
          channel_id: Number(channel.id),
          check_status: 'down',
          created_at: now - ageMs,
          status: 'sent',
        })
        .execute();
      const state = async () => {
        const n = await db()
          .selectFrom('notifications')
          .select(['error', 'status'])
          .where('code', '=', code)
          .executeTakeFirstOrThrow();
        const c = await db()
          .selectFrom('channels')
          .select(['last_error', 'disabled', 'email_verified'])
          .where('id', '=', Number(channel.id))
          .executeTakeFirstOrThrow();
        return { error: n.error, status: n.status, lastError: c.last_error, disabled: c.disabled, verified: c.email_verified };
      };
      return { code, state };
    }

    describe('notification status callbacks (spec §4.20, item 154)', () => {
      const post = (code: string, form: string, version = 1, slash = '') =>
        app.inject({
          method: 'POST',
          url: `/api/v${version}/notifications/${code}/status${slash}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: form,
        });

      test('MessageStatus failed or undelivered marks the notification and the channel, which stays verified', async () => {
        for (const status of ['failed', 'undelivered']) {
          const n = await sent();
          const res = await post(n.code, `MessageStatus=${status}`);
          assert.equal(res.statusCode, 200);
          assert.equal(res.body, '');
          const error = `Delivery failed (status=${status}).`;
          assert.deepEqual(await n.state(), { error, status: 'sent', lastError: error, disabled: 0, verified: 1 });
        }
      });

      test('CallStatus=failed is a failure too; delivered and other statuses change nothing', async () => {
        const call = await sent();
        await post(call.code, 'CallStatus=failed&CallSid=CA1');
        assert.equal((await call.state()).error, 'Delivery failed (status=failed).');
        const ok = await sent();
        for (const form of ['MessageStatus=delivered', 'MessageStatus=sent', 'CallStatus=completed', '']) {
          assert.equal((await post(ok.code, form)).statusCode, 200);
        }
        assert.deepEqual(await ok.state(), { error: '', status: 'sent', lastError: '', disabled: 0, verified: 1 });
      });

      test('error= is stored (cut at 200 characters); with mark_disabled the channel is disabled', async () => {
        const plain = await sent();
        await post(plain.code, 'error=Something+went+wrong.');
        assert.deepEqual(await plain.state(), {
          error: 'Something went wrong.',
          status: 'sent',
          lastError: 'Something went wrong.',
          disabled: 0,
          verified: 1,
        });
        const complaint = await sent();
        await post(complaint.code, 'error=Received+complaint.&mark_disabled=1', 3, '/');
        assert.deepEqual(await complaint.state(), {
          error: 'Received complaint.',
          status: 'sent',
          lastError: 'Received complaint.',
          disabled: 1,
          verified: 1,
        });
        const long = await sent();
        await post(long.code, `error=${'x'.repeat(300)}&mark_disabled=`);
        const state = await long.state();
        assert.equal(state.error, 'x'.repeat(200));
        assert.equal(state.disabled, 0, 'an empty mark_disabled does not disable');
      });

      test('callbacks for notifications older than an hour, or unknown ones, are answered 200 and ignored', async () => {
        const old = await sent(61 * MIN);
        const res = await post(old.code, 'MessageStatus=failed', 2);
        assert.equal(res.statusCode, 200);
        assert.equal((await old.state()).error, '');
        assert.equal((await post(newUuid(), 'MessageStatus=failed')).statusCode, 200);
      });

      test('GET is 405 and a path that is not a UUID is 404', async () => {
        const n = await sent();
        assert.equal((await app.inject({ url: `/api/v1/notifications/${n.code}/status` })).statusCode, 405);
        assert.equal((await post('not-a-uuid', 'MessageStatus=failed')).statusCode, 404);
        assert.equal((await post(n.code.toUpperCase(), 'MessageStatus=failed')).statusCode, 404);
      });
    });

    describe('bounces (spec §4.20, item 155)', () => {
      const bounce = async (toLocal: string, status?: string, diagnostic?: string, url = '/api/v2/bounces/') => {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'text/plain' },
          payload: dsn(toLocal, status, diagnostic),
        });
        assert.equal(res.statusCode, 200);
        return res.body;
      };
      const signed = (value: string, atMs = h.clock.now(), secret = h.deps.secretKey) => signBounceId(value, atMs, secret);

      test('a permanent failure of an alert email disables its channel', async () => {
        const n = await sent();
        assert.equal(await bounce(signed(`n.${n.code}`)), 'OK');
        const error = 'Delivery failed (SMTP status code: 5.0.0)';
        assert.deepEqual(await n.state(), { error, status: 'sent', lastError: error, disabled: 1, verified: 1 });
      });

      test('transient failures (4.x.x, and 5.4.4) are recorded without disabling', async () => {
        for (const status of ['4.0.0', '5.4.4']) {
          const n = await sent();
          assert.equal(await bounce(signed(`n.${n.code}`), status), 'OK');
          const error = `Delivery failed (SMTP status code: ${status})`;
          assert.deepEqual(await n.state(), { error, status: 'sent', lastError: error, disabled: 0, verified: 1 });
        }
      });

      test('a success status is ignored', async () => {
        const n = await sent();
        assert.equal(await bounce(signed(`n.${n.code}`), '2.0.0'), 'OK (ignored)');
        assert.equal((await n.state()).error, '');
      });

      test('a wrong signature, or one older than 48 hours, is a bad signature', async () => {
        const n = await sent();
        assert.equal(await bounce(signed(`n.${n.code}`, h.clock.now(), 'wrong-signing-key-0123456789')), 'OK (bad signature)');
        assert.equal(await bounce(signed(`n.${n.code}`, h.clock.now() - 48 * HOUR - 1_000)), 'OK (bad signature)');
        assert.equal(await bounce('n.garbage'), 'OK (bad signature)');
        assert.equal((await n.state()).error, '');
      });

      test('a notification older than 48 hours is not found', async () => {
        const n = await sent(49 * HOUR);
        assert.equal(await bounce(signed(`n.${n.code}`)), 'OK (notification not found)');
        assert.equal(await bounce(signed(`n.${newUuid()}`)), 'OK (notification not found)');
        assert.equal((await n.state()).error, '');
      });

      test('a permanent report bounce turns reports and reminders off; a transient one changes nothing', async () => {
        const admin = await db()
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'admin@localhost')
          .executeTakeFirstOrThrow();
        const id = Number(admin.id);
        const profile = () =>
          db()
            .selectFrom('users')
            .select(['reports', 'nag_period_seconds', 'next_report_at', 'next_nag_at'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
        const subscribed = {
          reports: 'monthly',
          nag_period_seconds: 3600,
          next_report_at: h.clock.now() + HOUR,
          next_nag_at: h.clock.now() + HOUR,
        };
        await db().updateTable('users').set(subscribed).where('id', '=', id).execute();

        assert.equal(await bounce(signed(`r.${id}`), '4.0.0'), 'OK');
        assert.deepEqual(await profile(), subscribed);
        assert.equal(await bounce(signed(`r.${id}`)), 'OK');
        assert.deepEqual(await profile(), { reports: 'off', nag_period_seconds: 0, next_report_at: null, next_nag_at: null });
        assert.equal(await bounce(signed('r.999999')), 'OK (user not found)');
        assert.equal(await bounce(signed('r.doesnotexist')), 'OK (user not found)');
      });

      test('the diagnostic code becomes the error, cut at 200 characters', async () => {
        const n = await sent();
        await bounce(signed(`n.${n.code}`), '4.0.0', 'Diagnostic-Code: smtp; 451 4.0.0 No usable MXs, last err: try again later');
        const expected = 'Delivery failed (451 4.0.0 No usable MXs, last err: try again later)';
        assert.equal((await n.state()).error, expected);
        assert.equal((await n.state()).lastError, expected);

        const long = await sent();
        await bounce(signed(`n.${long.code}`), '4.0.0', `Diagnostic-Code: smtp; 451 4.0.0 ${'foo '.repeat(100)}`);
        assert.equal((await long.state()).error.length, 200);
        assert.equal((await long.state()).lastError.length, 200);
      });

      test('answers on every version, with or without the slash; GET is 405', async () => {
        const n = await sent();
        assert.equal(await bounce(signed(`n.${n.code}`), '2.0.0', '', '/api/v1/bounces'), 'OK (ignored)');
        assert.equal(await bounce(signed(`n.${n.code}`), '2.0.0', '', '/api/v3/bounces/'), 'OK (ignored)');
        assert.equal((await app.inject({ url: '/api/v3/bounces/' })).statusCode, 405);
        const empty = await app.inject({ method: 'POST', url: '/api/v3/bounces/' });
        assert.deepEqual([empty.statusCode, empty.body], [200, 'OK (bad signature)']);
      });
    });
  });
}
