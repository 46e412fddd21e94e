import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, reload } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';
import { tcpProxy, type TcpProxy } from './support/tcp-proxy.js';

// A ping acknowledged with 200 must be stored; when the database is unreachable the answer is
// 503 (curl --retry retries it), never a 200 for a ping that was not committed.
describe(
  'pings while PostgreSQL is unreachable (postgres)',
  { skip: !testDialects().includes('postgres') && 'TEST_DATABASE_URL is not set' },
  () => {
    let proxy: TcpProxy;
    let h: Harness;
    before(async () => {
      const target = new URL(process.env.TEST_DATABASE_URL!);
      proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
      h = await makeHarness('postgres', {}, undefined, (url) => {
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
      });
    });
    after(async () => {
      await proxy.restore();
      await h.close();
      await proxy.close();
    });

    test('answers 503 with Retry-After while the database is down, and 200 again after', async () => {
      const check = await makeCheck(h.deps, await makeProject(h.deps));
      assert.equal((await h.app.inject({ url: `/ping/${check.code}` })).statusCode, 200);
      await proxy.cut();
      const down = await h.app.inject({ url: `/ping/${check.code}` });
      assert.equal(down.statusCode, 503);
      assert.equal(down.body, 'service unavailable');
      assert.equal(down.headers['retry-after'], '1');
      const status = await h.app.inject({ url: '/api/v3/status/' });
      assert.equal(status.statusCode, 503);
      await proxy.restore();
      assert.equal((await h.app.inject({ url: `/ping/${check.code}` })).statusCode, 200);
      assert.equal((await reload(h.deps, check.code)).nPings, 2, 'the refused ping was not counted');
    });
  },
);
