import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { after, test } from 'node:test';
import { PRIVATE_REFUSED } from '../outbound/address-guard.js';
import { probeTcp } from './probe-tcp.js';
import { probeWithRetries } from './probe-with-retries.js';

const allowed = { timeoutMs: 2000, allowPrivateIps: true };
const guarded = { timeoutMs: 2000, allowPrivateIps: false };

async function listen(): Promise<{ server: Server; port: number; connections: Socket[] }> {
  const connections: Socket[] = [];
  const server = createServer((socket) => connections.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  after(() => server.close());
  return { server, port: (server.address() as AddressInfo).port, connections };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listen();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A port whose SYNs go unanswered. A blackhole address such as 10.255.255.1 depends on the
 * network (a transparent proxy answers it), so: a listener in a worker whose event loop is
 * blocked accepts nothing, and once its kernel accept queue is full, Linux drops new SYNs.
 */
async function listenWithFullQueue(): Promise<number> {
  const release = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      parentPort.postMessage(server.address().port);
      Atomics.wait(workerData, 0, 0);
      server.close();
    });`,
    { eval: true, workerData: release },
  );
  const [port] = (await once(worker, 'message')) as [number];
  const fillers: Socket[] = [];
  after(async () => {
    for (const filler of fillers) filler.destroy();
    Atomics.store(release, 0, 1);
    Atomics.notify(release, 0);
    await once(worker, 'exit');
  });
  // Connect until one connection hangs: the queue is full from then on.
  for (let i = 0; i < 20; i += 1) {
    const filler = connect({ host: '127.0.0.1', port }).on('error', () => {});
    fillers.push(filler);
    const connected = await Promise.race([once(filler, 'connect').then(() => true), delay(100, false)]);
    if (!connected) return port;
  }
  throw new Error('the accept queue never filled');
}

test('succeeds on a listening port and closes the connection right away', { timeout: 5000 }, async () => {
  const { server, port } = await listen();
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const result = await probeTcp({ host: '127.0.0.1', port }, allowed);
  assert.equal(result.ok, true);
  const [socket] = await accepted;
  // The server sees the end of the stream without anything having been sent.
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  await once(socket, 'end');
  assert.deepEqual(received, []);
});

test('reports Connection refused on a closed port, after every retry', async () => {
  const port = await closedPort();
  const { result, attempts } = await probeWithRetries(() => probeTcp({ host: '127.0.0.1', port }, allowed), 2);
  assert.equal(attempts, 3);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error, 'Connection refused');
});

test('reports Connection timed out when the handshake never completes', { timeout: 5000 }, async () => {
  const port = await listenWithFullQueue();
  const result = await probeTcp({ host: '127.0.0.1', port }, { timeoutMs: 200, allowPrivateIps: true });
  assert.equal(!result.ok && result.error, 'Connection timed out');
  assert.ok(result.ms >= 150 && result.ms < 2000, `took ${result.ms} ms`);
});

test('refuses loopback, localhost and 10.x without connecting unless private addresses are allowed', async () => {
  const { server, port, connections } = await listen();
  for (const host of ['127.0.0.1', 'localhost', '::ffff:127.0.0.1', '10.0.0.1']) {
    const result = await probeTcp({ host, port }, guarded);
    assert.deepEqual({ ...result, ms: 0 }, { ok: false, error: PRIVATE_REFUSED, ms: 0, permanent: true }, host);
    assert.ok(result.ms < 1000, `${host} took ${result.ms} ms`);
  }
  const accepted = once(server, 'connection');
  assert.equal((await probeTcp({ host: '127.0.0.1', port }, allowed)).ok, true);
  await accepted;
  // Loopback delivers connections in order: the refused probes would have arrived first.
  assert.equal(connections.length, 1);
});

test('does not retry a refused private address', async () => {
  const port = await closedPort();
  const { result, attempts } = await probeWithRetries(() => probeTcp({ host: '127.0.0.1', port }, guarded), 3);
  assert.equal(attempts, 1);
  assert.equal(!result.ok && result.error, PRIVATE_REFUSED);
});

test('reports Could not resolve host for a name that does not exist', async () => {
  const result = await probeTcp({ host: 'no-such-host.invalid', port: 80 }, allowed);
  assert.equal(!result.ok && result.error, 'Could not resolve host');
});

test('refuses port 0 and out-of-range ports as invalid', async () => {
  for (const port of [0, 65536, -1, 1.5]) {
    const result = await probeTcp({ host: '127.0.0.1', port }, allowed);
    assert.equal(!result.ok && result.error, 'Invalid port', String(port));
    assert.equal(!result.ok && result.permanent, true);
  }
});
