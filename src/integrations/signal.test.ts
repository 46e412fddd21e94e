import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { makeContext, makeIo, NOW, others } from '../../test/support/notification-fixtures.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { extractSignalStyles } from './signal-styles.js';
import { signalIntegration as signal } from './signal.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface RpcRequest {
  jsonrpc: string;
  method: string;
  id: string;
  params: { recipient: string[]; message: string; textStyle: string[] };
}

/** What the fake signal-cli writes back for one request (raw text, newlines included). */
type Answer = (request: RpcRequest) => string;

const success: Answer = (req) => `${JSON.stringify({ jsonrpc: '2.0', result: { timestamp: 1 }, id: req.id })}\n`;
const errorReply =
  (code: number, results: object[] = []): Answer =>
  (req) =>
    `${JSON.stringify({ jsonrpc: '2.0', error: { code, message: 'Failed', data: { response: { results } } }, id: req.id })}\n`;

/** A real signal-cli stand-in speaking newline-delimited JSON-RPC over TCP or a UNIX socket. */
async function signalCli(answer: Answer = success, listenOn?: string) {
  const requests: RpcRequest[] = [];
  const server: Server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      const request = JSON.parse(buffer.slice(0, newline)) as RpcRequest;
      requests.push(request);
      socket.end(answer(request));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => (listenOn ? server.listen(listenOn, resolve) : server.listen(0, '127.0.0.1', resolve)));
  const address = listenOn ?? `127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { address, requests };
}

function ioFor(address: string, env: Env = {}, overrides: Partial<IntegrationIo> = {}) {
  const io = makeIo({ SIGNAL_CLI_SOCKET: address, ...env }, overrides);
  cleanups.push(() => io.close());
  return io;
}

const phone = { value: '+15552223333', up: true, down: true };

/** `start:length:STYLE` of the `nth` occurrence of `word` in `text`. */
function style(text: string, word: string, kind: 'BOLD' | 'MONOSPACE', nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  assert.notEqual(at, -1, `${word} not in message`);
  return `${at}:${word.length}:${kind}`;
}

describe('signal delivery', () => {
  test('sends the down message with bold ranges as a JSON-RPC send call', async () => {
    const cli = await signalCli();
    const io = ioFor(cli.address);
    assert.deepEqual(await signal.notify(makeContext(), phone, io), { ok: true });

    assert.equal(cli.requests.length, 1);
    const req = cli.requests[0]!;
    assert.equal(req.jsonrpc, '2.0');
    assert.equal(req.method, 'send');
    assert.match(req.id, /^[0-9a-f-]{36}$/);
    const text = [
      'The check Backup is DOWN (success signal did not arrive on time, grace time passed).',
      '',
      'Project: Ops',
      'Tags: prod, db',
      'Period: 1 day',
      'Total Pings: 42',
      'Last Ping: Success, 2 days ago',
    ].join('\n');
    assert.deepEqual(req.params, {
      recipient: ['+15552223333'],
      message: text,
      textStyle: [
        '10:6:BOLD',
        '20:4:BOLD',
        style(text, 'Project:', 'BOLD'),
        style(text, 'Tags:', 'BOLD'),
        style(text, 'Period:', 'BOLD'),
        style(text, 'Total Pings:', 'BOLD'),
        style(text, 'Last Ping:', 'BOLD'),
      ],
    });
  });

  test('sends the up message of a cron check, with the other checks, to a username', async () => {
    const cli = await signalCli();
    const io = ioFor(cli.address);
    const ctx = makeContext({
      status: 'up',
      flip: { at: NOW, oldStatus: 'down', reason: '' },
      downtimeMs: 72 * 60_000,
      check: { kind: 'cron', schedule: '0 3 * * *', tz: 'Europe/Riga', tags: '', name: 'Nightly <db>' },
      project: { code: 'p', name: '' },
      lastPing: null,
      otherChecks: others([
        { name: 'Mail', code: 'c1', lastPingAt: NOW - 3 * 3_600_000 },
        { name: '', code: 'c2-code', lastPingAt: null },
      ]),
    });
    assert.deepEqual(await signal.notify(ctx, { value: 'alice.42', up: true, down: false }, io), { ok: true });

    const req = cli.requests[0]!;
    const text = [
      'The check Nightly <db> is now UP. The downtime lasted 1 hour, 12 minutes.',
      '',
      'Schedule: 0 3 * * *',
      'Time Zone: Europe/Riga',
      'Total Pings: 0',
      'Last Ping: Never',
      '',
      'The following checks are still down:',
      '• Mail (last ping: 3 hours ago)',
      '• c2-code (last ping: never)',
    ].join('\n');
    assert.deepEqual(req.params, {
      recipient: ['u:alice.42'],
      message: text,
      textStyle: [
        style(text, 'Nightly <db>', 'BOLD'),
        style(text, 'UP', 'BOLD'),
        style(text, 'Schedule:', 'BOLD'),
        style(text, '0 3 * * *', 'MONOSPACE'),
        style(text, 'Time Zone:', 'BOLD'),
        style(text, 'Total Pings:', 'BOLD'),
        style(text, 'Last Ping:', 'BOLD'),
        style(text, 'Mail', 'BOLD'),
        style(text, 'c2-code', 'BOLD'),
      ],
    });
  });

  test('words the other-checks section for none down and for more than ten down', async () => {
    const cli = await signalCli();
    const io = ioFor(cli.address);
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, code: `c${i}`, lastPingAt: null }));
    await signal.notify(makeContext({ otherChecks: others([]) }), phone, io);
    await signal.notify(makeContext({ otherChecks: others(many) }), phone, io);
    assert.match(cli.requests[0]!.params.message, /Last Ping: Success, 2 days ago\n\nAll the other checks are up\.$/);
    assert.match(cli.requests[1]!.params.message, /\n\n11 other checks are also down\.$/);
  });

  test('skips signal-cli notifications that are not the reply to the call', async () => {
    const cli = await signalCli(
      (req) => `${JSON.stringify({ jsonrpc: '2.0', method: 'receive', params: { envelope: {} } })}\n${success(req)}`,
    );
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), { ok: true });
  });

  test('also talks to signal-cli over a UNIX socket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'watchpost-signal-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const cli = await signalCli(success, join(dir, 'signal-cli.sock'));
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), { ok: true });
    assert.equal(cli.requests.length, 1);
  });

  test('an unregistered recipient is a permanent error, tried once', async () => {
    const cli = await signalCli(errorReply(-1, [{ type: 'UNREGISTERED_FAILURE', recipientAddress: { number: '+1' } }]));
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), {
      ok: false,
      error: 'Recipient not found',
      permanent: true,
    });
    assert.equal(cli.requests.length, 1);
  });

  test('a rate-limit challenge asks for CAPTCHA proof without a second attempt', async () => {
    const cli = await signalCli(errorReply(-5, [{ type: 'RATE_LIMIT_FAILURE', token: 'challenge-token' }]));
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), {
      ok: false,
      error: 'CAPTCHA proof required',
      permanent: false,
    });
    assert.equal(cli.requests.length, 1);
  });

  test('another error is reported with its code after two attempts', async () => {
    const cli = await signalCli(errorReply(-3, [{ type: 'NETWORK_FAILURE' }]));
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), {
      ok: false,
      error: 'signal-cli call failed (-3)',
      permanent: false,
    });
    assert.equal(cli.requests.length, 2);
  });

  test('a reply that is not JSON-RPC, or no reply at all, is an unexpected response', async () => {
    for (const answer of [() => 'garbage\n', () => '', (req: RpcRequest) => `{"id": "${req.id}", "error": {"code": "x"}}\n`]) {
      const cli = await signalCli(answer);
      assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), {
        ok: false,
        error: 'signal-cli call failed (unexpected response)',
        permanent: false,
      });
      assert.equal(cli.requests.length, 2);
    }
  });

  test('a last reply line without a newline still counts', async () => {
    const cli = await signalCli((req) => JSON.stringify({ jsonrpc: '2.0', result: {}, id: req.id }));
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(cli.address)), { ok: true });
  });

  test('reports a refused connection', async () => {
    const cli = await signalCli();
    const port = cli.address.split(':')[1];
    for (const cleanup of cleanups.splice(0)) await cleanup();
    assert.deepEqual(await signal.notify(makeContext(), phone, ioFor(`127.0.0.1:${port}`)), {
      ok: false,
      error: 'signal-cli call failed (ECONNREFUSED)',
      permanent: false,
    });
  });

  test('allows 6 messages a minute per recipient', async () => {
    const cli = await signalCli();
    const calls: [string, number, number][] = [];
    const io = ioFor(
      cli.address,
      {},
      {
        allow: (key, capacity, periodMs) => {
          calls.push([key, capacity, periodMs]);
          return Promise.resolve(false);
        },
      },
    );
    assert.deepEqual(await signal.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Rate limit exceeded',
      permanent: false,
    });
    assert.deepEqual(calls, [[`signal-${createHash('sha1').update('+15552223333').digest('hex')}`, 6, 60_000]]);
    assert.equal(cli.requests.length, 0);
  });

  test('is not enabled without SIGNAL_CLI_SOCKET', async () => {
    const io = makeIo();
    cleanups.push(() => io.close());
    assert.deepEqual(await signal.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Signal notifications are not enabled',
      permanent: false,
    });
  });

  test('is a no-op for a status switched off', () => {
    assert.equal(signal.isNoop({ ...phone, up: false }, 'up'), true);
    assert.equal(signal.isNoop({ ...phone, up: false }, 'down'), false);
    assert.equal(signal.isNoop({ ...phone, down: false }, 'down'), true);
  });
});

describe('signal text styles (Appendix A)', () => {
  test('turns <b> and <code> into ranges and unescapes entities', () => {
    assert.deepEqual(extractSignalStyles('<b>foo</b> bar'), { text: 'foo bar', styles: ['0:3:BOLD'] });
    assert.deepEqual(extractSignalStyles('a &lt;b&gt; &amp; <code>x &quot;y&quot;</code>'), {
      text: 'a <b> & x "y"',
      styles: ['8:5:MONOSPACE'],
    });
    assert.deepEqual(extractSignalStyles('<b>&#x27;q&#39;</b>'), { text: "'q'", styles: ['0:3:BOLD'] });
    assert.deepEqual(extractSignalStyles('plain'), { text: 'plain', styles: [] });
  });
});

describe('signal stored value and config schema', () => {
  test('reads the stored JSON', () => {
    assert.deepEqual(signal.fromStored('{"value": "alice.42", "up": true, "down": false}'), {
      value: 'alice.42',
      up: true,
      down: false,
    });
    assert.deepEqual(JSON.parse(signal.toStored(phone)), phone);
  });

  test('accepts numbers and usernames, both switches on by default', () => {
    assert.deepEqual(signal.configSchema.parse({ value: '+1 555 222-3333' }), phone);
    assert.deepEqual(signal.configSchema.parse({ value: 'alice_b.42', up: false }), {
      value: 'alice_b.42',
      up: false,
      down: true,
    });
  });

  test('refuses bad recipients naming the field', () => {
    const message = (input: unknown) => signal.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(message({ value: 'al.42' }), 'value is not a valid Signal username (e.g. alice.42)');
    assert.equal(message({ value: 'alice.x' }), 'value is not a valid Signal username (e.g. alice.42)');
    assert.equal(
      message({ value: 'alice' }),
      'value is not a valid phone number (use the international format, e.g. +15551234567)',
    );
    assert.equal(message({ value: '+15552223333', up: false, down: false }), 'up and down must not both be false');
  });
});
