import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runDueProbes } from '../../src/probes/run-due-probes.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { webClient } from '../support/web-client.js';
import { personas, type Personas } from './checks-personas.js';
import { closedPort, cloudApi, type CloudApi } from './cloud-support.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

for (const dialect of testDialects()) {
  describe(`Cloud pages: who may do what (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let api: CloudApi;
    let base: string;
    let core: string;
    let check: string;
    let port: string;
    let otherCore: string;
    let otherCheck: string;

    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' });
      p = await personas(h.deps, h.app);
      api = cloudApi(h.app, p.project.api_key);
      core = await api.coreInstance({ name: 'edge-1' });
      check = await api.check(core, { protocol: 'tcp', host: '127.0.0.1', port: await closedPort(), retries: 0 });
      await runDueProbes(h.deps);
      const pipeline = await api.pipeline(core, { name: 'forwarder' });
      port = await api.port(pipeline, { protocol: 'tcp', frontendPort: 24224, backendPort: 24224, endpoint: '127.0.0.1' });
      // a second core instance of the same project: its check may not be acted on from edge-1's page
      otherCore = await api.coreInstance({ name: 'edge-2' });
      otherCheck = await api.check(otherCore, { protocol: 'tcp', host: '127.0.0.1', port: 1, retries: 0 });
      base = `/projects/${p.project.id}/cloud/`;
    });
    after(() => h.close());

    const actions = (): { url: string; form: Record<string, string> }[] => [
      { url: `${base}${core}/checks/${check}/probe/`, form: {} },
      { url: `${base}${core}/ports/${port}/probe/`, form: { probe: '1' } },
    ];
    const pages = () => [base, `${base}${core}/`];
    /** What the actions would change: the check's status and the port's probe. */
    const snapshot = async () => ({
      check: (await api.getCheck('core_instance', check)).status,
      port: (await api.getPort(port)).probe,
    });

    test('an anonymous visitor is sent to the login page; the live fragments answer 403', async () => {
      const anonymous = webClient(h.app);
      for (const url of pages()) {
        const res = await anonymous.get(url);
        assert.equal(res.statusCode, 303, url);
        assert.equal(res.headers.location, `/accounts/login/?next=${encodeURIComponent(url)}`);
        assert.equal((await anonymous.get(`${url}status/`)).statusCode, 403, url);
      }
    });

    test('a read-only member sees both pages without any button, and gets 403 on every action', async () => {
      const before = await snapshot();
      for (const url of pages()) {
        const res = await p.readOnly.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.doesNotMatch(res.body, /<form method="post" action="[^"]*\/cloud\//, url);
      }
      const page = await p.readOnly.get(`${base}${core}/`);
      assert.match(page.body, /read-only access/);
      assert.doesNotMatch(page.body, /Probe again|Turn probe/);
      for (const { url, form } of actions()) {
        const res = await p.readOnly.post(url, form);
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /Not allowed/);
      }
      assert.deepEqual(await snapshot(), before);
    });

    test('an outsider gets 404 on the pages, their fragments and every action', async () => {
      const before = await snapshot();
      for (const url of pages()) {
        assert.equal((await p.outsider.get(url)).statusCode, 404, url);
        assert.equal((await p.outsider.get(`${url}status/`)).statusCode, 404, url);
      }
      await p.outsider.get('/projects/');
      for (const { url, form } of actions()) assert.equal((await p.outsider.post(url, form)).statusCode, 404, url);
      assert.deepEqual(await snapshot(), before);
    });

    test('an action without its CSRF token, or with a forged one, is refused with 403', async () => {
      const before = await snapshot();
      await p.owner.get(`${base}${core}/`);
      for (const { url, form } of actions()) {
        assert.equal((await p.owner.post(url, { ...form, _csrf: '' })).statusCode, 403, url);
        assert.equal((await p.owner.post(url, { ...form, _csrf: 'forged' })).statusCode, 403, url);
      }
      assert.deepEqual(await snapshot(), before);
    });

    test('malformed or unknown ids, and a check or port of another core instance, are not found', async () => {
      const before = await snapshot();
      await p.owner.get(`${base}${core}/`);
      for (const url of [
        `${base}not-a-uuid/checks/${check}/probe/`,
        `${base}${UNKNOWN}/checks/${check}/probe/`,
        `${base}${core}/checks/not-a-uuid/probe/`,
        `${base}${core}/checks/${UNKNOWN}/probe/`,
        `${base}${core}/checks/${otherCheck}/probe/`,
        `${base}${otherCore}/checks/${check}/probe/`,
        `${base}${core}/ports/not-a-uuid/probe/`,
        `${base}${core}/ports/${UNKNOWN}/probe/`,
        `${base}${otherCore}/ports/${port}/probe/`,
      ]) {
        const res = await p.owner.post(url, { probe: '1' });
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /Not found/);
      }
      assert.deepEqual(await snapshot(), before);
    });

    test("another project's check or port is not found, even under one of its own core instances", async () => {
      const other = await personas(h.deps, h.app, 'Other');
      const theirApi = cloudApi(h.app, other.project.api_key);
      const theirCore = await theirApi.coreInstance({ name: 'edge-1' });
      const theirCheck = await theirApi.check(theirCore, { protocol: 'tcp', host: '127.0.0.1', port: 1 });
      await other.owner.get(`/projects/${other.project.id}/cloud/${theirCore}/`);
      // their owner, our ids; our owner, their ids
      assert.equal(
        (await other.owner.post(`/projects/${other.project.id}/cloud/${theirCore}/checks/${check}/probe/`)).statusCode,
        404,
      );
      await p.owner.get(`${base}${core}/`);
      assert.equal((await p.owner.post(`${base}${theirCore}/checks/${theirCheck}/probe/`)).statusCode, 404);
      assert.equal((await p.owner.post(`${base}${core}/checks/${theirCheck}/probe/`)).statusCode, 404);
    });

    test('a port switch without a probe value is a bad request', async () => {
      await p.owner.get(`${base}${core}/`);
      const res = await p.owner.post(`${base}${core}/ports/${port}/probe/`, { probe: 'yes' });
      assert.equal(res.statusCode, 400);
      assert.equal((await api.getPort(port)).probe, false);
    });

    test('the owner and a read-write member may act, and come back to the core instance page', async () => {
      for (const persona of [p.owner, p.member]) {
        await persona.get(`${base}${core}/`);
        for (const { url, form } of actions()) {
          const res = await persona.post(url, form);
          assert.equal(res.statusCode, 303, url);
          assert.equal(res.headers.location, `${base}${core}/`);
        }
      }
    });
  });
}
