import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { trelloIntegration as trello } from './trello.js';

const recordingTarget = useRecordingTargets();

async function trelloApi(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget((url) => ({ TRELLO_API_URL: url, TRELLO_APP_KEY: 'trello-app-key', ...env }));
  return { server, io };
}

const config = { token: 'user-token', list_id: 'list-1', board_name: 'Ops board', list_name: 'Incidents' };
const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';

describe('trello', () => {
  test('creates a card in the list on a down flip', async () => {
    const { server, io } = await trelloApi();
    assert.deepEqual(await trello.notify(makeContext(), config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    const url = new URL(req!.url, 'http://recorded');
    assert.equal(url.pathname, '/1/cards');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      idList: 'list-1',
      name: 'Down: Backup',
      desc: [
        'Nightly database backup',
        '',
        'Reason: success signal did not arrive on time, grace time passed.',
        '',
        '**Project:** Ops',
        '**Tags:** `prod` `db`',
        '**Period:** 1 day',
        '**Total Pings:** 42',
        '**Last Ping:** Success, 2 days ago',
        '',
        `[Full details on Mychecks](${CLOAKED})`,
      ].join('\n'),
      key: 'trello-app-key',
      token: 'user-token',
    });
    assert.equal(req!.body, '');
  });

  test('leaves out the description and reason when there are none', async () => {
    const { server, io } = await trelloApi();
    const ctx = makeContext({ check: { desc: '', tags: '' }, flip: { at: 0, oldStatus: 'up', reason: '' }, lastPing: null });
    await trello.notify(ctx, config, io);

    const [req] = await server.waitFor(1);
    assert.equal(
      new URL(req!.url, 'http://recorded').searchParams.get('desc'),
      [
        '**Project:** Ops',
        '**Period:** 1 day',
        '**Total Pings:** 0',
        '**Last Ping:** Never',
        '',
        `[Full details on Mychecks](${CLOAKED})`,
      ].join('\n'),
    );
  });

  test('notifies on down flips only', () => {
    assert.equal(trello.isNoop(config, 'down'), false);
    assert.equal(trello.isNoop(config, 'up'), true);
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io } = await trelloApi();
    server.reply({ status: 500 });
    assert.deepEqual(await trello.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing without TRELLO_APP_KEY', async () => {
    const { server, io } = await trelloApi({ TRELLO_APP_KEY: '' });
    assert.deepEqual(await trello.notify(makeContext(), config, io), {
      ok: false,
      error: 'Trello notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('reads and stores the JSON value', () => {
    const stored = '{"token": "t", "board_name": "My Board", "list_name": "My List", "list_id": "l"}';
    assert.deepEqual(trello.fromStored(stored), { token: 't', list_id: 'l', board_name: 'My Board', list_name: 'My List' });
    assert.deepEqual(trello.fromStored(trello.toStored(config)), config);
    assert.throws(() => trello.fromStored('{"token": "t"}'));
  });

  test('validates the API config', () => {
    const first = (input: unknown) => trello.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.deepEqual(trello.configSchema.parse({ token: 't', list_id: 'l' }), {
      token: 't',
      list_id: 'l',
      board_name: '',
      list_name: '',
    });
    assert.equal(first({ list_id: 'l' }), 'token is required');
    assert.equal(first('user-token'), 'config must be an object');
    assert.equal(first({ token: 't', list_id: 7 }), 'list_id must be a string');
    assert.equal(trello.configSchema.safeParse({ ...config, extra: 1 }).success, false);
    assert.deepEqual(trello.secretFields, ['token']);
  });
});
