import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runDueProbes } from '../../src/probes/run-due-probes.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { personas, type Personas } from './checks-personas.js';
import { closedPort, cloudApi, rowOf, textOf, type CloudApi } from './cloud-support.js';

for (const dialect of testDialects()) {
  describe(`Cloud pages: probe again, port probes (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let api: CloudApi;
    let core: string;
    let page: string;
    let pipeline: string;

    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True', SITE_NAME: 'Mychecks' });
      p = await personas(h.deps, h.app);
      api = cloudApi(h.app, p.project.api_key);
      core = await api.coreInstance({ name: 'edge-1' });
      pipeline = await api.pipeline(core, { name: 'forwarder' });
      page = `/projects/${p.project.id}/cloud/${core}/`;
    });
    after(() => h.close());

    test('"Probe again" turns a failed check back to new, due at once, and says so', async () => {
      const check = await api.check(core, { protocol: 'tcp', host: '127.0.0.1', port: await closedPort(), retries: 0 });
      await runDueProbes(h.deps);
      assert.equal((await api.getCheck('core_instance', check)).status, 'failed');

      await p.owner.get(page);
      const res = await p.owner.post(`${page}checks/${check}/probe/`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, page);
      assert.equal((await api.getCheck('core_instance', check)).status, 'new');
      const shown = await p.owner.get(page);
      assert.match(shown.body, /class="flash"[^>]*>Mychecks will probe the check again in a moment\./);
      assert.match(textOf(rowOf(shown.body, `check-${check}`)), /^New tcp 127\.0\.0\.1:\d+ 0 1 minute/);

      // and the prober takes it up again at once
      assert.equal(await runDueProbes(h.deps), 1);
      assert.equal((await api.getCheck('core_instance', check)).status, 'failed');
    });

    test('"Probe again" on a check an agent reports hands it back to Watchpost', async () => {
      const check = await api.pipelineCheck(pipeline, { protocol: 'tcp', host: 'search.example.com', port: 9200 });
      await api.patchCheck('pipeline', check, { status: 'failed' });
      const before = await p.owner.get(page);
      assert.match(textOf(rowOf(before.body, `check-${check}`)), /^Failed .* reported by an agent/);

      assert.equal((await p.owner.post(`${page}checks/${check}/probe/`)).statusCode, 303);
      const after = await api.getCheck('pipeline', check);
      assert.equal(after.status, 'new');
      assert.equal(after.agentManaged, false);
      const shown = await p.owner.get(page);
      assert.match(textOf(rowOf(shown.body, `check-${check}`)), /^New .* probed by Mychecks/);
    });

    test("turning a port's probe on creates the check that follows it; turning it off removes that check", async () => {
      const port = await api.port(pipeline, { protocol: 'tcp', frontendPort: 9880, backendPort: 9880, endpoint: '127.0.0.1' });
      const off = await p.owner.get(page);
      assert.match(textOf(rowOf(off.body, `port-${port}`)), /Off Turn probe on$/);
      assert.equal((await api.getPort(port)).checkID, null);

      const on = await p.owner.post(`${page}ports/${port}/probe/`, { probe: '1' });
      assert.equal(on.statusCode, 303);
      assert.equal(on.headers.location, page);
      const follower = (await api.getPort(port)).checkID;
      assert.equal(typeof follower, 'string');
      const shown = await p.owner.get(page);
      assert.match(shown.body, /The port is probed while it has an endpoint\./);
      assert.match(textOf(rowOf(shown.body, `port-${port}`)), /On New Turn probe off$/);
      assert.match(textOf(rowOf(shown.body, `check-${follower as string}`)), /follows port 9880\/tcp/);

      const offAgain = await p.owner.post(`${page}ports/${port}/probe/`, { probe: '0' });
      assert.equal(offAgain.statusCode, 303);
      assert.equal((await api.getPort(port)).checkID, null);
      const after = await p.owner.get(page);
      assert.match(after.body, /The port is no longer probed\./);
      assert.equal(rowOf(after.body, `check-${follower as string}`), '');
    });

    test('a port without an endpoint keeps its probe on but no check until it has one', async () => {
      const port = await api.port(pipeline, { protocol: 'udp', frontendPort: 5140, backendPort: 5140, endpoint: '' });
      await p.owner.get(page);
      assert.equal((await p.owner.post(`${page}ports/${port}/probe/`, { probe: '1' })).statusCode, 303);
      const shown = await p.owner.get(page);
      assert.match(
        textOf(rowOf(shown.body, `port-${port}`)),
        /^udp 5140 → 5140 Pending .* On waits for an endpoint Turn probe off$/,
      );
      assert.equal((await api.getPort(port)).checkID, null);
    });
  });
}
