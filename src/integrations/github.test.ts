import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, test } from 'node:test';
import { makeContext, NOW, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordedRequest, RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import { githubIntegration as github } from './github.js';
import type { IntegrationIo } from './integration.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

const recordingTarget = useRecordingTargets();

const TOKEN_PATH = '/app/installations/4242/access_tokens';
const ISSUES_PATH = '/repos/alice/backups/issues';

/** A GitHub API that grants installation tokens and accepts issues unless told otherwise. */
async function githubApi(
  env: Env = {},
  answers: { token?: number; issue?: number } = {},
): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget((url) => ({
    GITHUB_API_URL: url,
    GITHUB_APP_ID: '12345',
    GITHUB_PRIVATE_KEY: PRIVATE_PEM,
    ...env,
  }));
  server.reply((req) =>
    req.url === TOKEN_PATH
      ? { status: answers.token ?? 201, body: { token: 'ghs_installation', expires_at: '2026-01-05T11:00:00Z' } }
      : { status: answers.issue ?? 201, body: { number: 1 } },
  );
  return { server, io };
}

const config = { installation_id: 4242, repo: 'alice/backups', labels: ['monitoring', 'urgent'] };
const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const denied = { ok: false, error: 'GitHub denied access to alice/backups' };

function decodeJwt(req: RecordedRequest) {
  const auth = req.headers.authorization ?? '';
  assert.match(auth, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  const [header, payload, signature] = auth.slice('Bearer '.length).split('.') as [string, string, string];
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  return { valid, header: json(header), payload: json(payload) };
}

describe('github', () => {
  test('gets an installation token with a signed app JWT, then opens an issue', async () => {
    const { server, io } = await githubApi();
    assert.deepEqual(await github.notify(makeContext(), config, io), { ok: true });

    const [tokenReq, issueReq] = await server.waitFor(2);
    assert.equal(tokenReq!.method, 'POST');
    assert.equal(tokenReq!.url, TOKEN_PATH);
    assert.equal(tokenReq!.headers.accept, 'application/vnd.github+json');
    const jwt = decodeJwt(tokenReq!);
    assert.equal(jwt.valid, true, 'the JWT verifies with the app public key');
    assert.deepEqual(jwt.header, { alg: 'RS256', typ: 'JWT' });
    const nowSeconds = NOW / 1000;
    assert.deepEqual(jwt.payload, { iat: nowSeconds - 60, exp: nowSeconds + 600, iss: '12345' });

    assert.equal(issueReq!.method, 'POST');
    assert.equal(issueReq!.url, ISSUES_PATH);
    assert.equal(issueReq!.headers.authorization, 'Bearer ghs_installation');
    assert.equal(issueReq!.headers['content-type'], 'application/json');
    assert.deepEqual(issueReq!.json(), {
      title: 'Backup is DOWN',
      body: [
        `[Backup](${CLOAKED}) is **DOWN** (success signal did not arrive on time, grace time passed).`,
        '',
        'Nightly database backup',
        '',
        '**Project:** Ops',
        '**Tags:** `prod` `db`',
        '**Period:** 1 day',
        '**Total Pings:** 42',
        '**Last Ping:** Success, 2 days ago',
        '',
        '**Last Ping Body:**',
        '```',
        'backup finished: 12 GB',
        '```',
      ].join('\n'),
      labels: ['monitoring', 'urgent'],
    });
  });

  test('leaves out a ping body that contains triple backticks', async () => {
    const { server, io } = await githubApi();
    const ping = { ...makeContext().lastPing!, body: new TextEncoder().encode('``` surprise') };
    const ctx = makeContext({ check: { desc: '' }, lastPing: ping });
    await github.notify(ctx, { ...config, labels: [] }, io);

    const [, issueReq] = await server.waitFor(2);
    const body = issueReq!.json() as { body: string; labels: string[] };
    assert.equal(body.body.includes('Last Ping Body'), false);
    assert.equal(body.body.includes('```'), false);
    assert.deepEqual(body.labels, []);
  });

  test('notifies on down flips only', () => {
    assert.equal(github.isNoop(config, 'down'), false);
    assert.equal(github.isNoop(config, 'up'), true);
  });

  test('reports a refused token as denied access, retrying it as transient', async () => {
    const { server, io } = await githubApi({}, { token: 403 });
    assert.deepEqual(await github.notify(makeContext(), config, io), { ...denied, permanent: false });
    assert.deepEqual(
      server.requests.map((r) => r.url),
      [TOKEN_PATH, TOKEN_PATH, TOKEN_PATH],
    );
  });

  test('treats a missing installation as permanently denied', async () => {
    const { server, io } = await githubApi({}, { token: 404 });
    assert.deepEqual(await github.notify(makeContext(), config, io), { ...denied, permanent: true });
    assert.equal(server.requests.length, 1);
  });

  test('treats 410 from the issues API (issues disabled) as permanent', async () => {
    const { server, io } = await githubApi({}, { issue: 410 });
    assert.deepEqual(await github.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 410',
      permanent: true,
    });
    assert.deepEqual(
      server.requests.map((r) => r.url),
      [TOKEN_PATH, ISSUES_PATH],
    );
  });

  test('reports a server error on the issue after three attempts, as transient', async () => {
    const { server, io } = await githubApi({}, { issue: 500 });
    assert.deepEqual(await github.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.filter((r) => r.url === ISSUES_PATH).length, 3);
  });

  test('sends nothing without the app ID or private key', async () => {
    for (const env of [{ GITHUB_PRIVATE_KEY: '' }, { GITHUB_APP_ID: '' }]) {
      const { server, io } = await githubApi(env);
      assert.deepEqual(await github.notify(makeContext(), config, io), {
        ok: false,
        error: 'GitHub notifications are not enabled.',
        permanent: false,
      });
      assert.equal(server.requests.length, 0);
    }
  });

  test('reports an unreadable private key without calling GitHub', async () => {
    const { server, io } = await githubApi({ GITHUB_PRIVATE_KEY: 'not a key' });
    assert.deepEqual(await github.notify(makeContext(), config, io), {
      ok: false,
      error: 'GITHUB_PRIVATE_KEY is not a valid private key',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('reads the stored JSON, labels defaulting to none', () => {
    assert.deepEqual(github.fromStored('{"installation_id": 123, "repo": "alice/foo"}'), {
      installation_id: 123,
      repo: 'alice/foo',
      labels: [],
    });
    assert.deepEqual(github.fromStored(github.toStored(config)), config);
    assert.throws(() => github.fromStored('{"repo": "alice/foo"}'));
  });

  test('validates the API config', () => {
    const first = (input: unknown) => github.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.deepEqual(github.configSchema.parse({ installation_id: 1, repo: 'a/b' }), {
      installation_id: 1,
      repo: 'a/b',
      labels: [],
    });
    assert.equal(first({ installation_id: '1', repo: 'a/b' }), 'installation_id must be a positive integer');
    assert.equal(first({ installation_id: 1.5, repo: 'a/b' }), 'installation_id must be a positive integer');
    assert.equal(first({ installation_id: 1, repo: 'just-a-name' }), 'repo must be "owner/name"');
    assert.equal(first([config]), 'config must be an object');
    assert.equal(first({ installation_id: 1, repo: '../../x/y' }), 'repo must be "owner/name"');
    assert.equal(first({ installation_id: 1, repo: 'alice/..' }), 'repo must be "owner/name"');
    assert.equal(github.configSchema.safeParse({ installation_id: 1, repo: 'alice/my.repo_2' }).success, true);
    assert.equal(first({ installation_id: 1, repo: 'a/b', labels: 'bug' }), 'labels must be a list of strings');
    assert.equal(github.configSchema.safeParse({ ...config, extra: 1 }).success, false);
  });
});
