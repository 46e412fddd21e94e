import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { manualClock, type ManualClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { startWatchpost, type Running } from '../src/main.js';
import { freshDatabase, testDialects, type TestDatabase } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { T0 } from './support/harness.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const waitFor = async <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

for (const dialect of testDialects()) {
  describe(`alerts end to end (${dialect})`, () => {
    let db: TestDatabase;
    let running: Running;
    let clock: ManualClock;
    let hook: RecordingServer;
    let smtp: SmtpSink;
    let project: TestProject;
    before(async () => {
      db = await freshDatabase(dialect);
      hook = await startRecordingServer();
      smtp = await startSmtpSink();
      clock = manualClock(T0);
      const env = {
        DATABASE_URL: db.url,
        SECRET_KEY: 'test-secret-key-not-for-production',
        HOST: '127.0.0.1',
        PORT: '0',
        SITE_ROOT: 'https://hc.example.org',
        SITE_NAME: 'Mychecks',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        EMAIL_USE_TLS: 'False',
        DEFAULT_FROM_EMAIL: 'alerts@hc.example.org',
        INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True',
        LOG_LEVEL: 'silent',
      };
      running = await startWatchpost(env, { http: true, alerts: true, smtp: false }, { clock, log: silentLogger });
      project = await makeProject(running.deps, 'Backups');
    });
    after(async () => {
      await running.stop();
      await hook.close();
      await smtp.close();
      await db.drop();
    });

    test('a check that goes down emails its owner and calls its webhook, with the right content', async () => {
      const check = await makeCheck(running.deps, project, {
        name: 'db-backup',
        timeout_seconds: 60,
        grace_seconds: 60,
        tags: 'prod',
      });
      const api = (payload: object) =>
        fetch(`${running.url}/api/v3/channels/`, {
          method: 'POST',
          headers: { 'x-api-key': project.api_key },
          body: JSON.stringify(payload),
        });
      assert.equal((await api({ kind: 'email', config: { value: 'ops@example.org', up: true, down: true } })).status, 201);
      const webhook = {
        method_down: 'POST',
        url_down: `${hook.url}/hook`,
        body_down: '{"check": "$CODE", "name": $NAME_JSON, "status": "$STATUS"}',
      };
      assert.equal((await api({ kind: 'webhook', config: webhook })).status, 201);

      const ping = await fetch(`${running.url}/ping/${check.code}`, { method: 'POST', body: 'dump written' });
      assert.equal(await ping.text(), 'OK');
      clock.advance(120_000 + 500);

      const [request] = await hook.waitFor(1);
      assert.deepEqual(request?.json(), { check: check.code, name: 'db-backup', status: 'down' });
      const mail = await waitFor('the alert email', () => smtp.messages[0]);
      assert.deepEqual(mail.rcptTo, ['ops@example.org']);
      assert.equal(mail.parsed.subject, 'DOWN | db-backup');
      assert.match(mail.parsed.text ?? '', /db-backup/);
      assert.match(mail.parsed.text ?? '', /success signal did not arrive on time/);
      assert.match(mail.parsed.text ?? '', /dump written/);
      assert.match(String(mail.parsed.html), /Mychecks/);
      assert.match(mail.raw.toString(), /^List-Unsubscribe:\s+<https:\/\/hc\.example\.org\/integrations\/[^>]+\/unsub\/[^>]+>/m);

      const recovered = await fetch(`${running.url}/ping/${check.code}`);
      assert.equal(await recovered.text(), 'OK');
      const upMail = await waitFor('the recovery email', () => smtp.messages[1]);
      assert.equal(upMail.parsed.subject, 'UP | db-backup');
      assert.equal(hook.requests.length, 1, 'the webhook has no up request configured');
    });
  });
}
