import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { manualClock, type ManualClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { startWatchpost, type Running } from '../src/main.js';
import { freshDatabase, testDialects, type TestDatabase } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { T0 } from './support/harness.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

/**
 * Issue 6's "done when", through the running server's own loops (prober, heartbeat detector,
 * alert pipeline): nothing here calls a pass by hand; the test only moves the clock.
 */
for (const dialect of testDialects()) {
  describe(`Cloud alerts through the running server (${dialect})`, () => {
    let db: TestDatabase;
    let running: Running;
    let clock: ManualClock;
    let hook: RecordingServer;
    let project: TestProject;
    before(async () => {
      db = await freshDatabase(dialect);
      hook = await startRecordingServer();
      clock = manualClock(T0);
      const env = {
        DATABASE_URL: db.url,
        SECRET_KEY: 'test-secret-key-not-for-production',
        HOST: '127.0.0.1',
        PORT: '0',
        INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True',
        LOG_LEVEL: 'silent',
      };
      running = await startWatchpost(env, { http: true, alerts: true, smtp: false }, { clock, log: silentLogger });
      project = await makeProject(running.deps, 'Edge');
      const channel = await fetch(`${running.url}/api/v3/channels/`, {
        method: 'POST',
        headers: { 'x-api-key': project.api_key },
        body: JSON.stringify({
          kind: 'webhook',
          config: { method_down: 'POST', url_down: `${hook.url}/down`, body_down: '$STATUS $NAME' },
        }),
      });
      assert.equal(channel.status, 201);
    });
    after(async () => {
      await running.stop();
      await hook.close();
      await db.drop();
    });

    const cloud = async (method: string, path: string, body?: object) => {
      const res = await fetch(`${running.url}${path}`, {
        method,
        headers: { 'x-project-token': project.api_key, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      assert.ok(res.status < 300, `${method} ${path}: ${res.status}`);
      return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
    };
    const eventually = async (what: string, ok: () => Promise<boolean>) => {
      const deadline = Date.now() + 15_000;
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    test('a TCP listener that stops makes its check fail and the webhook fire', async () => {
      const server: Server = createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      const ci = String((await cloud('POST', '/v1/aggregators', { name: 'edge-1' })).id);
      const check = String(
        (
          await cloud('POST', `/v1/core_instances/${ci}/checks`, {
            protocol: 'tcp',
            host: '127.0.0.1',
            port,
            retries: 1,
            interval: 30,
          })
        ).id,
      );
      const status = async () => (await cloud('GET', `/v1/core_instance_checks/${check}`)).status;
      await eventually('the first probe', async () => (await status()) === 'ok');

      await new Promise<void>((resolve) => server.close(() => resolve()));
      clock.advance(30_000);
      await eventually('the failed probe', async () => (await status()) === 'failed');
      const [request] = await hook.waitFor(1);
      assert.equal(request?.url, '/down');
      assert.equal(request?.body, `down edge-1: TCP 127.0.0.1:${port}`);
    });

    test('a core instance that stops pinging fires the webhook', async () => {
      const ci = String((await cloud('POST', '/v1/aggregators', { name: 'edge-2' })).id);
      await cloud('POST', `/v1/aggregators/${ci}/ping`);
      const before = hook.requests.length;
      clock.advance(36_000);
      const requests = await hook.waitFor(before + 1);
      assert.equal(requests.at(-1)?.body, 'down core instance edge-2');
      assert.equal((await cloud('GET', `/v1/aggregators/${ci}`)).status, 'unreachable');
    });
  });
}
