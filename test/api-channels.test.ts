import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../src/http/api/openapi.js';
import { uniqueKey } from '../src/domain/unique-key.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

type Json = Record<string, unknown>;

for (const dialect of testDialects()) {
  describe(`integrations API (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let outsider: TestProject;
    let target: RecordingServer;
    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' });
      target = await startRecordingServer();
    });
    after(async () => {
      await target.close();
      await h.close();
    });
    beforeEach(async () => {
      project = await makeProject(h.deps, 'Ops');
      outsider = await makeProject(h.deps, 'Elsewhere');
      target.requests.length = 0;
      target.reply({});
    });

    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: Json, key = project.api_key) => {
      const res = await h.app.inject({ method, url, headers: { 'x-api-key': key }, ...(body ? { payload: body } : {}) });
      return { status: res.statusCode, body: res.body, json: () => res.json<Json>() };
    };
    const webhook = (url = `${target.url}/down`) => ({ method_down: 'POST', url_down: url, body_down: 'down: $NAME' });
    const countChannels = async () =>
      Number(
        (
          await h.deps.store.db
            .selectFrom('channels')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('creating a channel answers 201 with the channel, assigned to every check by default', async () => {
      const a = await makeCheck(h.deps, project);
      const b = await makeCheck(h.deps, project);
      const res = await call('POST', '/api/v3/channels/', { kind: 'webhook', name: 'ops hook', config: webhook() });
      assert.equal(res.status, 201, res.body);
      const channel = res.json();
      assert.match(String(channel.id), /^[0-9a-f-]{36}$/);
      assert.equal(channel.name, 'ops hook');
      assert.equal(channel.kind, 'webhook');
      assert.equal((channel.config as Json).url_down, `${target.url}/down`);
      assert.deepEqual(channel.checks, [a.code, b.code].sort());
      assert.equal(channel.disabled, false);

      const list = await call('GET', '/api/v3/channels/');
      assert.deepEqual(list.json(), { channels: [{ id: channel.id, name: 'ops hook', kind: 'webhook' }] });
      const check = await call('GET', `/api/v3/checks/${a.code}`);
      assert.equal(check.json().channels, channel.id, 'the check lists its new channel');
    });

    test('"checks" assigns a chosen list, or none', async () => {
      const a = await makeCheck(h.deps, project);
      await makeCheck(h.deps, project);
      const some = await call('POST', '/api/v3/channels', { kind: 'webhook', config: webhook(), checks: [a.code] });
      assert.deepEqual(some.json().checks, [a.code]);
      const none = await call('POST', '/api/v3/channels', { kind: 'webhook', config: webhook(), checks: [] });
      assert.deepEqual(none.json().checks, []);
    });

    test('bad input is a 400 naming the problem, and creates nothing', async () => {
      const foreign = await makeCheck(h.deps, outsider);
      const before = await countChannels();
      const cases: Array<[Json, RegExp]> = [
        [{ kind: 'carrier-pigeon', config: {} }, /^json validation error: kind must be one of .*webhook/],
        [{ config: webhook() }, /kind must be one of/],
        [{ kind: 'webhook' }, /^json validation error: config is required$/],
        [{ kind: 'webhook', config: { method_down: 'POST' } }, /url_down/],
        [{ kind: 'webhook', config: { ...webhook(), method_down: 'TRACE' } }, /method_down/],
        [{ kind: 'webhook', config: { ...webhook(), surprise: 1 } }, /surprise/],
        [{ kind: 'email', config: { value: 'not-an-address', up: true, down: true } }, /config\.value/],
        [{ kind: 'webhook', name: 42, config: webhook() }, /^json validation error: name is not a string$/],
        [{ kind: 'webhook', name: 'x'.repeat(101), config: webhook() }, /name is too long/],
        [
          { kind: 'webhook', config: webhook(), checks: [foreign.code] },
          new RegExp(`^invalid check identifier: ${foreign.code}$`),
        ],
        [{ kind: 'webhook', config: webhook(), checks: 'all' }, /checks must be "\*" or a list/],
        [{ kind: 'group', config: 'd9e1c8a4-2b4f-4c6e-9a1d-3f5b7c9e1a2b' }, /invalid channel identifier/],
      ];
      for (const [body, message] of cases) {
        const res = await call('POST', '/api/v3/channels/', body);
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.body}`);
        assert.match(String(res.json().error), message, JSON.stringify(body));
      }
      const broken = await h.app.inject({
        method: 'POST',
        url: '/api/v3/channels/',
        headers: { 'x-api-key': project.api_key },
        payload: '{',
      });
      assert.deepEqual(broken.json(), { error: 'could not parse request body' });
      assert.equal(await countChannels(), before);
    });

    test('PATCH changes only what it names; the kind cannot change', async () => {
      const a = await makeCheck(h.deps, project);
      const created = (
        await call('POST', '/api/v3/channels/', { kind: 'webhook', name: 'first', config: webhook(), checks: [] })
      ).json();
      const renamed = await call('PATCH', `/api/v3/channels/${String(created.id)}`, { name: 'second' });
      assert.equal(renamed.status, 200, renamed.body);
      assert.equal(renamed.json().name, 'second');
      assert.deepEqual(renamed.json().config, created.config);
      const moved = await call('PATCH', `/api/v3/channels/${String(created.id)}`, {
        config: webhook(`${target.url}/other`),
        checks: '*',
      });
      assert.equal((moved.json().config as Json).url_down, `${target.url}/other`);
      assert.deepEqual(moved.json().checks, [a.code]);
      const kind = await call('PATCH', `/api/v3/channels/${String(created.id)}`, { kind: 'email' });
      assert.deepEqual(kind.json(), { error: 'json validation error: kind cannot be changed' });
      const bad = await call('PATCH', `/api/v3/channels/${String(created.id)}`, {
        name: 'third',
        config: { url_down: 'ftp://x' },
      });
      assert.equal(bad.status, 400);
      assert.equal(
        (await call('GET', `/api/v3/channels/${String(created.id)}`)).json().name,
        'second',
        'a rejected PATCH changes nothing',
      );
    });

    test('DELETE removes the channel and its assignments', async () => {
      const a = await makeCheck(h.deps, project);
      const created = (await call('POST', '/api/v3/channels/', { kind: 'webhook', config: webhook() })).json();
      const res = await call('DELETE', `/api/v3/channels/${String(created.id)}`);
      assert.equal(res.status, 200);
      assert.equal(res.json().id, created.id);
      assert.equal((await call('GET', `/api/v3/channels/${String(created.id)}`)).status, 404);
      assert.equal((await call('GET', `/api/v3/checks/${a.code}`)).json().channels, '');
    });

    test('read-only keys may read a channel, with its secrets masked, and change nothing', async () => {
      const check = await makeCheck(h.deps, project);
      const created = (
        await call('POST', '/api/v3/channels/', { kind: 'pd', config: { service_key: 'abc123secret', account: 'acme' } })
      ).json();
      const id = String(created.id);
      const ro = project.api_key_readonly;
      const read = await call('GET', `/api/v3/channels/${id}`, undefined, ro);
      assert.equal(read.status, 200);
      assert.deepEqual(read.json().config, { service_key: '********', account: 'acme' });
      assert.deepEqual(read.json().checks, [uniqueKey(check.code)], 'checks by unique_key, never by UUID');
      const slack = (
        await call('POST', '/api/v3/channels/', { kind: 'slack', config: 'https://hooks.slack.com/services/T0/B0/secret' })
      ).json();
      assert.equal(
        (await call('GET', `/api/v3/channels/${String(slack.id)}`, undefined, ro)).json().config,
        '********',
        'a bare webhook URL is a secret too',
      );
      const discord = (
        await call('POST', '/api/v3/channels/', {
          kind: 'discord',
          config: { webhook: { url: 'https://discord.com/api/webhooks/1/secret-token', id: '1' } },
        })
      ).json();
      assert.equal(discord.id !== undefined, true, JSON.stringify(discord));
      const discordRead = (await call('GET', `/api/v3/channels/${String(discord.id)}`, undefined, ro)).json();
      assert.deepEqual(discordRead.config, { webhook: { url: '********', id: '1' } }, 'a nested secret is masked too');
      const stored = (await call('GET', `/api/v3/channels/${String(discord.id)}`)).json();
      assert.equal(
        (stored.config as { webhook: { url: string } }).webhook.url,
        'https://discord.com/api/webhooks/1/secret-token',
      );
      const slackOauth = (
        await call('POST', '/api/v3/channels/', {
          kind: 'slack',
          config: {
            access_token: 'xoxb-1',
            incoming_webhook: { url: 'https://hooks.slack.com/services/T/B/x', channel: '#ops' },
          },
        })
      ).json();
      const slackRead = (await call('GET', `/api/v3/channels/${String(slackOauth.id)}`, undefined, ro)).json();
      assert.deepEqual((slackRead.config as Record<string, unknown>).incoming_webhook, { url: '********', channel: '#ops' });
      assert.equal((await call('GET', `/api/v3/channels/${id}`)).json().config && true, true);
      assert.deepEqual((await call('GET', `/api/v3/channels/${id}`)).json().config, {
        service_key: 'abc123secret',
        account: 'acme',
      });
      for (const [method, url, body] of [
        ['POST', '/api/v3/channels/', { kind: 'webhook', config: webhook() }],
        ['PATCH', `/api/v3/channels/${id}`, { name: 'x' }],
        ['DELETE', `/api/v3/channels/${id}`, undefined],
        ['POST', `/api/v3/channels/${id}/test`, undefined],
      ] as const) {
        const res = await call(method, url, body, ro);
        assert.equal(res.status, 401, `${method} ${url}`);
        assert.deepEqual(res.json(), { error: 'wrong api key' });
      }
    });

    test("another project's channel is not found, whatever the method", async () => {
      const created = (await call('POST', '/api/v3/channels/', { kind: 'webhook', config: webhook() })).json();
      const id = String(created.id);
      for (const [method, url] of [
        ['GET', `/api/v3/channels/${id}`],
        ['PATCH', `/api/v3/channels/${id}`],
        ['DELETE', `/api/v3/channels/${id}`],
        ['POST', `/api/v3/channels/${id}/test`],
      ] as const) {
        const res = await call(method, url, method === 'PATCH' ? { name: 'mine now' } : undefined, outsider.api_key);
        assert.equal(res.status, 404, `${method} ${url}`);
      }
      assert.equal((await call('GET', `/api/v3/channels/${id}`)).json().name, '');
      assert.equal(target.requests.length, 0, 'no test notification went out');
    });

    test('the test call sends a test notification and reports the outcome', async () => {
      const created = (await call('POST', '/api/v3/channels/', { kind: 'webhook', config: webhook() })).json();
      const id = String(created.id);
      const ok = await call('POST', `/api/v3/channels/${id}/test`);
      assert.equal(ok.status, 200, ok.body);
      assert.deepEqual(ok.json(), { ok: true, error: null });
      assert.equal(target.requests[0]?.body, 'down: TEST');

      target.reply({ status: 500 });
      const failed = await call('POST', `/api/v3/channels/${id}/test`);
      assert.deepEqual(failed.json(), { ok: false, error: 'Received status code 500' });
      assert.equal(target.requests.length, 2, 'a webhook test is attempted once');
      assert.equal((await call('GET', `/api/v3/channels/${id}`)).json().last_error, 'Received status code 500');
      const tests = await h.deps.store.db.selectFrom('notifications').select('error').where('check_id', 'is', null).execute();
      assert.deepEqual(
        tests.map((t) => t.error),
        ['Received status code 500'],
        'a channel keeps only its latest test notification',
      );
    });

    test('bodies and answers match the OpenAPI document', async () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      const doc = openApiDocument({ siteRoot: 'http://localhost:8000' }) as { components: { schemas: Record<string, object> } };
      const text = JSON.stringify(doc.components.schemas).replaceAll('"#/components/schemas/', '"https://watchpost.test/');
      for (const [name, schema] of Object.entries(JSON.parse(text) as Record<string, object>)) {
        ajv.addSchema({ ...schema, $id: `https://watchpost.test/${name}` });
      }
      const schema = (name: string) => ajv.getSchema(`https://watchpost.test/${name}`)!;
      const bodies = [
        { kind: 'webhook', name: 'hook', config: webhook(), checks: '*' },
        { kind: 'email', config: { value: 'ops@example.org', up: false, down: true } },
        { kind: 'pd', config: { service_key: 'abc', account: 'acme' } },
        { kind: 'slack', config: `${target.url}/slack` },
      ];
      for (const body of bodies) {
        assert.ok(schema('ChannelCreate')(body), `${JSON.stringify(body)}: ${ajv.errorsText(schema('ChannelCreate').errors)}`);
        const res = await call('POST', '/api/v3/channels/', body);
        assert.equal(res.status, 201, res.body);
        assert.ok(schema('ChannelDetail')(res.json()), ajv.errorsText(schema('ChannelDetail').errors));
        const tested = await call('POST', `/api/v3/channels/${String(res.json().id)}/test`);
        assert.ok(schema('TestResult')(tested.json()), tested.body);
      }
      assert.equal(schema('ChannelCreate')({ kind: 'webhook', config: { method_down: 'TRACE', url_down: 'x' } }), false);
    });

    test("v1 and v2 keep Healthchecks' channel list only", async () => {
      const created = (await call('POST', '/api/v3/channels/', { kind: 'webhook', config: webhook() })).json();
      for (const v of [1, 2]) {
        assert.equal((await call('POST', `/api/v${v}/channels/`, { kind: 'webhook', config: webhook() })).status, 405);
        assert.equal((await call('GET', `/api/v${v}/channels/${String(created.id)}`)).status, 405);
        assert.equal((await call('GET', `/api/v${v}/channels/`)).status, 200);
      }
    });
  });
}
