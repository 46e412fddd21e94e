import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { pagertreeIntegration as pagertree } from './pagertree.js';

const recordingTarget = useRecordingTargets();

async function endpoint(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; url: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, url: `${server.url}/integration/int_abc?x=1` };
}

const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 });

describe('pagertree', () => {
  test('triggers an incident on a down flip', async () => {
    const { server, io, url } = await endpoint();
    assert.deepEqual(await pagertree.notify(makeContext(), url, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/integration/int_abc?x=1');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      incident_key: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      event_type: 'trigger',
      title: 'Backup is DOWN',
      description: 'Backup is DOWN (success signal did not arrive on time, grace time passed). Last ping was 2 days ago.',
      client: 'Mychecks',
      client_url: 'https://checks.example.org',
      tags: 'prod db',
    });
  });

  test('resolves the incident on an up flip', async () => {
    const { server, io, url } = await endpoint();
    assert.deepEqual(await pagertree.notify(upContext(), url, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      incident_key: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      event_type: 'resolve',
      title: 'Backup is UP',
      description: 'Backup received a ping and is now UP. The downtime lasted 1 hour, 12 minutes.',
      client: 'Mychecks',
      client_url: 'https://checks.example.org',
      tags: 'prod db',
    });
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io, url } = await endpoint();
    server.reply({ status: 500 });
    assert.deepEqual(await pagertree.notify(makeContext(), url, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when PAGERTREE_ENABLED is off', async () => {
    const { server, io, url } = await endpoint({ PAGERTREE_ENABLED: 'False' });
    assert.deepEqual(await pagertree.notify(makeContext(), url, io), {
      ok: false,
      error: 'PagerTree notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('is never a no-op', () => {
    assert.equal(pagertree.isNoop('https://api.pagertree.com/x', 'down'), false);
    assert.equal(pagertree.isNoop('https://api.pagertree.com/x', 'up'), false);
  });

  test('stores the URL as is and validates it', () => {
    const url = 'https://api.pagertree.com/integration/int_abc';
    assert.equal(pagertree.fromStored(url), url);
    assert.equal(pagertree.toStored(url), url);
    assert.equal(pagertree.configSchema.parse(url), url);
    assert.equal(pagertree.configSchema.safeParse('not a url').error?.issues[0]?.message, 'config is not a valid URL');
    assert.equal(pagertree.configSchema.safeParse(`https://x.org/${'a'.repeat(1000)}`).success, false);
  });
});
