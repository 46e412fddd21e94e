import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { detectSilentCoreInstances } from '../../src/cloud/core-instance-heartbeat.js';
import { runDueProbes } from '../../src/probes/run-due-probes.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { personas, type Personas } from './checks-personas.js';
import { closedPort, cloudApi, rowOf, textOf, type CloudApi } from './cloud-support.js';

for (const dialect of testDialects()) {
  describe(`Cloud pages: what they show (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let api: CloudApi;
    let list: string;
    /** edge-1: pinged, with a failed probe, an agent's ok, a pipeline with ports and a new pipeline check. */
    let edge1: string;
    let edge2: string;
    let edge3: string;
    let failedCheck: string;
    let agentCheck: string;
    let pendingPort: string;
    let probedPort: string;
    let pipelineCheck: string;
    let refusedPort: number;

    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True', SITE_NAME: 'Mychecks' });
      p = await personas(h.deps, h.app);
      api = cloudApi(h.app, p.project.api_key);
      list = `/projects/${p.project.id}/cloud/`;
      // edge-3 pings once and falls silent; edge-1 pings 50 s later; edge-2 never pings
      edge3 = await api.coreInstance({ name: 'edge-3' });
      await api.ping(edge3);
      h.clock.advance(50_000);
      edge1 = await api.coreInstance({ name: 'edge-1', version: 'v2.1.0', tags: ['prod', 'eu-west'] });
      edge2 = await api.coreInstance({ name: 'edge-2' });
      await api.ping(edge1);
      await detectSilentCoreInstances(h.deps);

      refusedPort = await closedPort();
      failedCheck = await api.check(edge1, { protocol: 'tcp', host: '127.0.0.1', port: refusedPort, retries: 0 });
      await runDueProbes(h.deps);
      agentCheck = await api.check(edge1, { protocol: 'udp', host: 'logs.example.com', port: 5140, retries: 2 });
      await api.patchCheck('core_instance', agentCheck, { status: 'ok' });
      const pipeline = await api.pipeline(edge1, { name: 'forwarder' });
      pendingPort = await api.port(pipeline, { protocol: 'tcp', frontendPort: 24224, backendPort: 24224, endpoint: '' });
      probedPort = await api.port(pipeline, {
        protocol: 'tcp',
        frontendPort: 9880,
        backendPort: 8080,
        endpoint: '127.0.0.1',
        probe: true,
      });
      pipelineCheck = await api.pipelineCheck(pipeline, { protocol: 'tcp', host: 'search.example.com', port: 9200 });
      h.clock.advance(10_000);
    });
    after(() => h.close());

    test('an empty project explains how to register a core instance through the API, with this server’s address', async () => {
      const fresh = await personas(h.deps, h.app, 'Empty');
      const res = await fresh.owner.get(`/projects/${fresh.project.id}/cloud/`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Cloud – Mychecks<\/title>/);
      assert.match(res.body, /aria-current="page"\s*>Cloud</);
      const text = textOf(res.body);
      assert.match(text, /no core instances yet/);
      assert.ok(
        text.includes(
          `curl -X POST -H 'X-Project-Token: <your API key>' -H 'Content-Type: application/json' -d '{"name":"edge-1"}' http://localhost:8000/v1/aggregators`,
        ),
        text,
      );
      assert.ok(text.includes('http://localhost:8000/v1/core_instances/<id>/checks'));
      assert.match(res.body, /data-copy="curl -X POST/);
      assert.ok(res.body.includes(`/projects/${fresh.project.id}/settings/`), 'links to where the API key is');
    });

    test('the list shows every core instance with its status, last ping, version, tags, pipelines and checks', async () => {
      const res = await p.owner.get(list);
      assert.equal(res.statusCode, 200);
      const one = textOf(rowOf(res.body, edge1));
      assert.match(one, /^edge-1 prod eu-west Running last ping 10 seconds ago v2\.1\.0 1 1 ok · 1 failed · 2 new or running$/);
      assert.ok(rowOf(res.body, edge1).includes(`href="${list}${edge1}/"`));
      assert.match(textOf(rowOf(res.body, edge2)), /^edge-2 Waiting never pinged — 0 No checks$/);
      assert.match(textOf(rowOf(res.body, edge3)), /^edge-3 Unreachable last ping 1 minute ago — 0 No checks$/);
      assert.match(rowOf(res.body, edge3), /class="status down"/);
      assert.match(rowOf(res.body, edge1), /class="status up"/);
      // by name
      assert.deepEqual(
        [...res.body.matchAll(/<tr data-key="([^"]+)">/g)].map((m) => m[1]),
        [edge1, edge2, edge3],
      );
    });

    test('the live fragment of the list answers the same rows', async () => {
      const res = await p.owner.get(`${list}status/`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(!res.body.includes('<html'));
      assert.match(textOf(rowOf(res.body, edge1)), /Running last ping 10 seconds ago/);
    });

    test('a core instance page shows its facts and its checks with status, last error and who reports them', async () => {
      const res = await p.owner.get(`${list}${edge1}/`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>edge-1 \(running\) – Cloud – Mychecks<\/title>/);
      const text = textOf(res.body);
      assert.match(text, /Status Running last ping 10 seconds ago Version v2\.1\.0 Environment default Tags prod eu-west/);
      const failed = rowOf(res.body, `check-${failedCheck}`);
      assert.match(failed, /class="status down"/);
      assert.match(
        textOf(failed),
        new RegExp(
          `^Failed tcp 127\\.0\\.0\\.1:${refusedPort} 0 1 minute 10 seconds ago Connection refused probed by Mychecks Probe again$`,
        ),
      );
      const agent = rowOf(res.body, `check-${agentCheck}`);
      assert.match(agent, /class="status up"/);
      assert.match(textOf(agent), /^OK udp logs\.example\.com:5140 2 1 minute not yet — reported by an agent Probe again$/);
    });

    test('each pipeline lists its ports, "Pending" without an endpoint, with the probe and the check following it', async () => {
      const res = await p.owner.get(`${list}${edge1}/`);
      assert.match(textOf(res.body), /forwarder deployment, LoadBalancer ports/);
      assert.match(
        textOf(rowOf(res.body, `port-${pendingPort}`)),
        /^tcp 24224 → 24224 Pending LoadBalancer — Off Turn probe on$/,
      );
      const probed = rowOf(res.body, `port-${probedPort}`);
      assert.match(textOf(probed), /^tcp 9880 → 8080 127\.0\.0\.1 LoadBalancer — On New Turn probe off$/);
      const follower = (await api.getPort(probedPort)).checkID as string;
      const followerRow = textOf(rowOf(res.body, `check-${follower}`));
      assert.match(followerRow, /^New tcp 127\.0\.0\.1:9880 follows port 9880\/tcp 3 1 minute not yet — probed by Mychecks/);
      assert.match(textOf(rowOf(res.body, `check-${pipelineCheck}`)), /^New tcp search\.example\.com:9200 3 1 minute not yet/);
    });

    test('recent status changes list probes that flipped and core instances that fell silent', async () => {
      const one = await p.owner.get(`${list}${edge1}/`);
      const flips = textOf(/<table class="cloud-table cloud-flips">[\s\S]*?<\/table>/.exec(one.body)?.[0] ?? '');
      assert.match(flips, new RegExp(`check tcp 127\\.0\\.0\\.1:${refusedPort} new → down Connection refused`));
      assert.match(one.body, /<span class="flip-new">new<\/span> → <span class="flip-down">down<\/span>/);

      const three = await p.owner.get(`${list}${edge3}/`);
      assert.match(
        textOf(three.body),
        /this core instance \(heartbeat\) up → down no ping from the core instance for more than 35 seconds/,
      );
      assert.match(textOf(three.body), /No checks\. Add one with POST \/v1\/core_instances\//);
      assert.match(textOf(three.body), /No pipelines\./);

      const two = await p.owner.get(`${list}${edge2}/`);
      assert.match(textOf(two.body), /No status changes yet\./);
    });

    test('the live fragment of a core instance carries the same rows, with forms that post', async () => {
      const res = await p.owner.get(`${list}${edge1}/status/`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(!res.body.includes('<html'));
      assert.match(rowOf(res.body, `check-${failedCheck}`), /name="_csrf" value="[^"]+"/);
      const posted = await p.owner.post(`${list}${edge1}/checks/${failedCheck}/probe/`);
      assert.equal(posted.statusCode, 303, 'a token from the fragment is accepted');
    });

    test('malformed, unknown and other projects’ core instances are not found', async () => {
      const other = await personas(h.deps, h.app, 'Other');
      const theirs = await cloudApi(h.app, other.project.api_key).coreInstance({ name: 'edge-1' });
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', theirs, `${edge1}x`]) {
        const page = await p.owner.get(`${list}${id}/`);
        assert.equal(page.statusCode, 404, id);
        assert.match(page.body, /Not found/);
        assert.equal((await p.owner.get(`${list}${id}/status/`)).statusCode, 404, id);
      }
      assert.equal((await other.owner.get(`/projects/${other.project.id}/cloud/${theirs}/`)).statusCode, 200);
    });
  });
}
