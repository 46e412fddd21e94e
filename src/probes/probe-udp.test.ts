import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { after, test } from 'node:test';
import { PRIVATE_REFUSED } from '../outbound/address-guard.js';
import { probeUdp } from './probe-udp.js';
import { probeWithRetries } from './probe-with-retries.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A UDP listener on 127.0.0.1 that records datagrams and answers each with `reply(datagram)`, if any. */
async function udpListener(reply?: (datagram: Buffer) => Buffer): Promise<{ socket: Socket; port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (datagram, from) => {
    received.push(datagram);
    if (reply) socket.send(reply(datagram), from.port, from.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  after(() => socket.close());
  return { socket, port: socket.address().port, received };
}

async function closedPort(): Promise<number> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  socket.close();
  await once(socket, 'close');
  return port;
}

test('succeeds when an echo server answers with the expected bytes', async () => {
  const { port, received } = await udpListener((datagram) => Buffer.concat([Buffer.from('seq=1 '), datagram]));
  const result = await probeUdp(
    { host: '127.0.0.1', port },
    { timeoutMs: 2000, allowPrivateIps: true, payload: bytes('PING'), expect: bytes('PING') },
  );
  assert.equal(result.ok, true);
  assert.deepEqual(received, [Buffer.from('PING')]);
});

test('fails with Unexpected reply when the answer lacks the expected bytes', async () => {
  const { port } = await udpListener(() => Buffer.from('NOPE'));
  const result = await probeUdp(
    { host: '127.0.0.1', port },
    { timeoutMs: 200, allowPrivateIps: true, payload: bytes('PING'), expect: bytes('PONG') },
  );
  assert.equal(!result.ok && result.error, 'Unexpected reply');
});

test('fails with No reply received when a reply is expected and none comes', async () => {
  const { port } = await udpListener();
  const result = await probeUdp({ host: '127.0.0.1', port }, { timeoutMs: 200, allowPrivateIps: true, expect: bytes('') });
  assert.equal(!result.ok && result.error, 'No reply received');
});

test('reports Connection refused from the ICMP port-unreachable of a closed port, after every retry', async () => {
  const port = await closedPort();
  const { result, attempts } = await probeWithRetries(
    () => probeUdp({ host: '127.0.0.1', port }, { timeoutMs: 2000, allowPrivateIps: true }),
    1,
  );
  assert.equal(attempts, 2);
  assert.equal(!result.ok && result.error, 'Connection refused');
  // The ICMP answer ends the attempt well before the timeout.
  assert.ok(result.ms < 1000, `took ${result.ms} ms`);
});

test('without expect, a silent listener counts as up once the timeout passes', async () => {
  const { port, received } = await udpListener();
  const result = await probeUdp({ host: '127.0.0.1', port }, { timeoutMs: 200, allowPrivateIps: true });
  assert.equal(result.ok, true);
  assert.ok(result.ms >= 150, `took ${result.ms} ms`);
  // An empty datagram by default.
  assert.deepEqual(received, [Buffer.alloc(0)]);
});

test('refuses loopback, localhost and 10.x without sending unless private addresses are allowed', async () => {
  const { socket, port, received } = await udpListener();
  for (const host of ['127.0.0.1', 'localhost', '10.0.0.1']) {
    const result = await probeUdp({ host, port }, { timeoutMs: 2000, allowPrivateIps: false, payload: bytes('refused') });
    assert.deepEqual({ ...result, ms: 0 }, { ok: false, error: PRIVATE_REFUSED, ms: 0, permanent: true }, host);
  }
  const arrived = once(socket, 'message');
  const result = await probeUdp({ host: '127.0.0.1', port }, { timeoutMs: 50, allowPrivateIps: true, payload: bytes('allowed') });
  assert.equal(result.ok, true);
  await arrived;
  // Loopback delivers datagrams in order: a refused probe's datagram would have come first.
  assert.deepEqual(received, [Buffer.from('allowed')]);
});
