import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { webhookIntegration as webhook, webhookFromStored, type WebhookConfig } from './webhook.js';

const recordingTarget = useRecordingTargets();

async function receiver(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget(env);
  return { server, io };
}

const CODE = '0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10';
const FLIP_TIME = '2026-01-05T09:59:00+00:00';

function config(overrides: Partial<WebhookConfig> = {}): WebhookConfig {
  return {
    method_down: 'GET',
    url_down: '',
    body_down: '',
    headers_down: {},
    method_up: 'GET',
    url_up: '',
    body_up: '',
    headers_up: {},
    ...overrides,
  };
}

const upContext = () =>
  makeContext({ status: 'up', flip: { at: Date.UTC(2026, 0, 5, 9, 59, 0), oldStatus: 'down', reason: '' } });

describe('webhook delivery', () => {
  test('POSTs the down request with every placeholder filled in', async () => {
    const { server, io } = await receiver();
    const ctx = makeContext({ check: { name: 'Hello World', tags: 'foo bar', slug: 'hello-world' } });
    ctx.lastPing = { ...ctx.lastPing!, kind: 'fail', exitStatus: 3 };
    const cfg = config({
      method_down: 'POST',
      url_down: `${server.url}/$CODE/$SLUG/$STATUS/$TAG1/$TAG2/?name=$NAME&tags=$TAGS&now=$NOW&x=$EXITSTATUS&body=$BODY`,
      body_down:
        'code=$CODE status=$STATUS now=$NOW name=$NAME json_name=$NAME_JSON slug=$SLUG tags=$TAGS t1=$TAG1 t2=$TAG2 t3=$TAG3 ' +
        'exit=$EXITSTATUS body=$BODY body_json=$BODY_JSON json=$JSON cost=$3.50',
      headers_down: { 'X-Check': '$NAME ($STATUS) $BODY', 'X-Unicode': 'bār ½', Authorization: 'Bearer s3cret' },
    });

    assert.deepEqual(await webhook.notify(ctx, cfg, io), { ok: true });
    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(
      req!.url,
      `/${CODE}/hello-world/down/foo/bar/?name=Hello%20World&tags=foo%20bar&now=2026-01-05T09%3A59%3A00%2B00%3A00&x=3&body=$BODY`,
    );
    // Header values are rendered but $BODY is for bodies only; non-latin-1 becomes &#NNN;.
    assert.equal(req!.headers['x-check'], 'Hello World (down) $BODY');
    assert.equal(req!.headers['x-unicode'], 'b&#257;r ½');
    assert.equal(req!.headers.authorization, 'Bearer s3cret');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.equal(req!.headers['content-type'], undefined);
    const json = `{"name": "Backup", "slug": "backup", "uuid": "${CODE}", "status": "down"}`;
    assert.equal(
      req!.body,
      `code=${CODE} status=down now=${FLIP_TIME} name=Hello World json_name="Hello World" slug=hello-world tags=foo bar ` +
        `t1=foo t2=bar t3=$TAG3 exit=3 body=backup finished: 12 GB body_json="backup finished: 12 GB" json=${json} cost=$3.50`,
    );
  });

  test('sends the up request as a GET without a body, with its own headers', async () => {
    const { server, io } = await receiver();
    const cfg = config({
      url_down: `${server.url}/down`,
      method_up: 'GET',
      url_up: `${server.url}/up/$STATUS?at=$NOW`,
      body_up: 'ignored for GET: $NAME',
      headers_up: { 'X-Status': '$STATUS' },
    });
    assert.deepEqual(await webhook.notify(upContext(), cfg, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'GET');
    assert.equal(req!.url, '/up/up?at=2026-01-05T09%3A59%3A00%2B00%3A00');
    assert.equal(req!.headers['x-status'], 'up');
    assert.equal(req!.body, '');
    assert.equal(req!.headers['content-length'], undefined);
  });

  test('PUTs the body with $BODY_JSON as a JSON literal and the Content-Type the user set', async () => {
    const { server, io } = await receiver();
    const ctx = makeContext({ check: { name: 'Ünïcode "db"' } });
    ctx.lastPing = { ...ctx.lastPing!, body: new TextEncoder().encode('line 1\nline "2"') };
    const cfg = config({
      method_down: 'PUT',
      url_down: `${server.url}/put`,
      body_down: '{"name": $NAME_JSON, "body": $BODY_JSON, "check": $JSON}',
      headers_down: { 'Content-Type': 'application/json' },
    });
    assert.deepEqual(await webhook.notify(ctx, cfg, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'PUT');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.body.split(', "check"')[0], '{"name": "\\u00dcn\\u00efcode \\"db\\"", "body": "line 1\\nline \\"2\\""');
    assert.deepEqual(req!.json(), {
      name: 'Ünïcode "db"',
      body: 'line 1\nline "2"',
      check: { name: 'Backup', slug: 'backup', uuid: CODE, status: 'down' },
    });
  });

  test('percent-encodes values in the URL, so a name of $TAG1 stays literal (spec item 198)', async () => {
    const { server, io } = await receiver();
    const ctx = makeContext({ check: { name: '$TAG1', tags: 'foo' } });
    const cfg = config({ url_down: `${server.url}/?name=$NAME&tag=$TAG1&json=$NAME_JSON` });
    assert.deepEqual(await webhook.notify(ctx, cfg, io), { ok: true });
    const [req] = await server.waitFor(1);
    assert.equal(req!.url, '/?name=%24TAG1&tag=foo&json=%22%24TAG1%22');
  });

  test('$EXITSTATUS is -1 when the last ping has no exit status or there is none', async () => {
    const { server, io } = await receiver();
    const cfg = config({ url_down: `${server.url}/?x=$EXITSTATUS` });
    await webhook.notify(makeContext(), cfg, io);
    await webhook.notify(makeContext({ lastPing: null }), cfg, io);
    const reqs = await server.waitFor(2);
    assert.deepEqual(
      reqs.map((r) => r.url),
      ['/?x=-1', '/?x=-1'],
    );
  });

  test('$BODY is empty when the last ping had no body', async () => {
    const { server, io } = await receiver();
    const cfg = config({ method_down: 'POST', url_down: `${server.url}/`, body_down: '[$BODY] $BODY_JSON' });
    await webhook.notify(makeContext({ lastPing: null }), cfg, io);
    const [req] = await server.waitFor(1);
    assert.equal(req!.body, '[] ""');
  });

  test('sends a POST without a body when the body template is empty', async () => {
    const { server, io } = await receiver();
    await webhook.notify(makeContext(), config({ method_down: 'POST', url_down: `${server.url}/hook` }), io);
    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.body, '');
  });

  test('reports a server error after three attempts (spec item 198)', async () => {
    const { server, io } = await receiver();
    server.reply({ status: 500 });
    const result = await webhook.notify(makeContext(), config({ url_down: `${server.url}/` }), io);
    assert.deepEqual(result, { ok: false, error: 'Received status code 500', permanent: false });
    assert.equal(server.requests.length, 3);
  });

  test('tries a test notification only once (spec §9.2)', async () => {
    const { server, io } = await receiver();
    server.reply({ status: 500 });
    const result = await webhook.notify(makeContext({ test: true }), config({ url_down: `${server.url}/` }), io);
    assert.deepEqual(result, { ok: false, error: 'Received status code 500', permanent: false });
    assert.equal(server.requests.length, 1);
  });

  test('answers "not enabled" when WEBHOOKS_ENABLED is off', async () => {
    const { server, io } = await receiver({ WEBHOOKS_ENABLED: 'False' });
    const result = await webhook.notify(makeContext(), config({ url_down: `${server.url}/` }), io);
    assert.deepEqual(result, { ok: false, error: 'Webhook notifications are not enabled.', permanent: false });
    assert.equal(server.requests.length, 0);
  });

  test('answers "Empty webhook URL" when asked to send a status without a URL', async () => {
    const { io } = await receiver();
    const result = await webhook.notify(upContext(), config({ url_down: 'http://example.org/' }), io);
    assert.deepEqual(result, { ok: false, error: 'Empty webhook URL', permanent: false });
  });

  test('is a no-op for a status without a URL (spec item 198)', () => {
    const downOnly = config({ url_down: 'http://example.org/' });
    assert.equal(webhook.isNoop(downOnly, 'down'), false);
    assert.equal(webhook.isNoop(downOnly, 'up'), true);
    const upOnly = config({ url_up: 'http://example.org/' });
    assert.equal(webhook.isNoop(upOnly, 'down'), true);
    assert.equal(webhook.isNoop(upOnly, 'up'), false);
  });
});

describe('webhook stored value', () => {
  test('reads the current JSON and writes it back', () => {
    const cfg = config({
      name: 'ops hook',
      method_down: 'POST',
      url_down: 'https://example.org/down',
      body_down: '$NAME',
      headers_down: { 'X-A': '1' },
      url_up: 'https://example.org/up',
    });
    const stored = webhook.toStored(cfg);
    assert.deepEqual(JSON.parse(stored), cfg);
    assert.deepEqual(webhook.fromStored(stored), cfg);
  });

  test('reads the legacy plain-text form: url_down, url_up and post_data lines', () => {
    assert.deepEqual(
      webhookFromStored('http://a/down\nhttp://a/up\n{"x": 1}'),
      config({
        method_down: 'POST',
        url_down: 'http://a/down',
        body_down: '{"x": 1}',
        method_up: 'POST',
        url_up: 'http://a/up',
        body_up: '{"x": 1}',
      }),
    );
    assert.deepEqual(webhookFromStored('http://a/down'), config({ url_down: 'http://a/down' }));
    assert.deepEqual(webhookFromStored('\nhttp://a/up'), config({ url_up: 'http://a/up' }));
  });

  test('reads the legacy JSON form with post_data and headers', () => {
    assert.deepEqual(
      webhookFromStored(JSON.stringify({ url_down: 'http://a/d', url_up: '', post_data: '', headers: { 'X-A': 'b' } })),
      config({ url_down: 'http://a/d', headers_down: { 'X-A': 'b' }, headers_up: { 'X-A': 'b' } }),
    );
    assert.deepEqual(
      webhookFromStored(JSON.stringify({ url_down: 'http://a/d', url_up: 'http://a/u', post_data: 'data', headers: {} })),
      config({
        method_down: 'POST',
        url_down: 'http://a/d',
        body_down: 'data',
        method_up: 'POST',
        url_up: 'http://a/u',
        body_up: 'data',
      }),
    );
  });
});

describe('webhook config schema', () => {
  const parse = (input: unknown) => webhook.configSchema.safeParse(input);
  const firstError = (input: unknown) => {
    const result = parse(input);
    assert.equal(result.success, false, `expected ${JSON.stringify(input)} to be refused`);
    return result.error.issues[0]!.message;
  };

  test('fills defaults for the fields left out', () => {
    const result = parse({ url_up: 'http://backup-box:8080/up' });
    assert.equal(result.success, true);
    assert.deepEqual(result.data, config({ url_up: 'http://backup-box:8080/up' }));
  });

  test('accepts a full configuration with a name', () => {
    const input = {
      name: 'ops',
      method_down: 'PUT',
      url_down: 'https://example.org/$CODE',
      body_down: '{"a": $NAME_JSON}',
      headers_down: { 'Content-Type': 'application/json', 'X-Latin': 'ß' },
      method_up: 'POST',
      url_up: 'http://localhost/up',
      body_up: 'up',
      headers_up: {},
    };
    assert.deepEqual(parse(input).data, input);
  });

  test('refuses bad input with messages that name the field', () => {
    assert.equal(firstError({}), 'url_down is not a valid URL (url_down or url_up is required)');
    assert.equal(firstError({ url_down: '', url_up: '' }), 'url_down is not a valid URL (url_down or url_up is required)');
    assert.equal(firstError({ url_down: 'ftp://example.org/' }), 'url_down is not a valid URL');
    assert.equal(firstError({ url_up: 'not a url' }), 'url_up is not a valid URL');
    assert.equal(
      firstError({ url_down: `https://example.org/${'a'.repeat(1000)}` }),
      'url_down is too long (at most 1000 characters)',
    );
    assert.equal(firstError({ url_down: 'https://a/', method_down: 'DELETE' }), 'method_down must be GET, POST or PUT');
    assert.equal(
      firstError({ url_down: 'https://a/', body_up: 'x'.repeat(1001) }),
      'body_up is too long (at most 1000 characters)',
    );
    assert.equal(
      firstError({ url_down: 'https://a/', headers_down: ['X: y'] }),
      'headers_down must be an object of header names to values',
    );
    assert.equal(firstError({ url_down: 'https://a/', headers_down: { X: 1 } }), 'headers_down values must be strings');
    assert.equal(
      firstError({ url_down: 'https://a/', headers_down: { Nāme: 'v' } }),
      'headers_down: header names must not contain special characters',
    );
    assert.equal(
      firstError({ url_down: 'https://a/', headers_up: { 'X: y': 'v' } }),
      'headers_up has an invalid header name "X: y"',
    );
    assert.equal(
      firstError({ url_down: 'https://a/', headers_up: { 'X Check': 'v' } }),
      'headers_up has an invalid header name "X Check"',
    );
    assert.equal(
      firstError({ url_down: 'https://a/', headers_up: { X: 'a\r\nInjected: 1' } }),
      'headers_up: header "X" must not contain line breaks',
    );
    assert.equal(
      firstError({ url_down: 'https://a/', headers_up: { X: 'v'.repeat(1001) } }),
      'headers_up: header "X" is too long (at most 1000 characters)',
    );
    assert.equal(firstError({ url_down: 'https://a/', post_data: 'x' }), 'unknown field: post_data');
    assert.equal(firstError('https://example.org/'), 'config must be a JSON object');
  });
});
