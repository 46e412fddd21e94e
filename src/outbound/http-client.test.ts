import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PRIVATE_REFUSED } from './address-guard.js';
import { isPublicAddress, makeOutboundHttp, type OutboundHttpOptions } from './http-client.js';
import type { OutboundRequest, OutboundResponse, ResponseVerdict } from './outbound-http.js';

/**
 * Tripwire: every socket this process dials is recorded, and anything but loopback (or a name
 * the tests expect to fail in DNS) is refused here, so a broken guard can't send a packet to a
 * private network: it fails the test instead.
 */
const dialled: string[] = [];
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied to its own socket below
const realConnect = net.Socket.prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
const DIALLABLE = /^(127\.\d+\.\d+\.\d+|::1|localhost|.*\.invalid)$/;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // net.connect() passes its arguments on normalized: [[options, callback]].
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const host = typeof first === 'object' && first !== null ? String((first as { host?: string }).host) : String(args[1]);
  dialled.push(host);
  if (!DIALLABLE.test(host)) throw new Error(`tripwire: the client tried to dial ${host}`);
  return realConnect.apply(this, args);
};

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
after(() => assert.deepEqual(unhandled, [], 'no unhandled rejections'));

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface TestServer {
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

type Handler = (seen: Seen, res: ServerResponse) => void;

async function listen(server: Server, host: string, scheme: string, handle: Handler): Promise<TestServer> {
  const seen: Seen[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      handle(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const serve = (handle: Handler = (_, res) => res.end('OK'), host = '127.0.0.1') => listen(createServer(), host, 'http', handle);

const send = (
  options: Partial<OutboundHttpOptions>,
  request: OutboundRequest,
  judge?: (r: OutboundResponse) => ResponseVerdict,
) => {
  const http = makeOutboundHttp({ allowPrivateIps: true, userAgent: 'Mychecks', ...options });
  return http.send(request, judge).finally(() => http.close());
};

describe('outbound HTTP client', () => {
  let server: TestServer;
  before(async () => {
    server = await serve((seen, res) => {
      if (seen.url === '/status/500') return void res.writeHead(500).end('oops');
      if (seen.url === '/json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
      if (seen.url === '/big') return void res.writeHead(200).end('x'.repeat(200 * 1024));
      if (seen.url === '/silent') return; // never answers
      if (seen.url === '/stall') return void res.writeHead(200).write('partial');
      const hop = /^\/hop\/(\d+)$/.exec(seen.url);
      if (hop) {
        const left = Number(hop[1]);
        return void res.writeHead(302, { location: left === 0 ? '/done' : `/hop/${left - 1}` }).end();
      }
      if (seen.url === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
      if (seen.url === '/see-other') return void res.writeHead(303, { location: '/done' }).end();
      if (seen.url === '/temporary') return void res.writeHead(307, { location: '/done' }).end();
      if (seen.url === '/to-ftp') return void res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
      res.end('OK');
    });
  });
  after(() => server.close());
  const hits = (path: string) => server.seen.filter((s) => s.url === path).length;

  test('sends a JSON body with its Content-Type and the default User-Agent', async () => {
    const result = await send({}, { method: 'POST', url: `${server.url}/a`, json: { name: 'backup', n: 1 } });
    assert.equal(result.ok, true);
    const seen = server.seen.find((s) => s.url === '/a')!;
    assert.equal(seen.method, 'POST');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers['user-agent'], 'Mychecks');
    assert.deepEqual(JSON.parse(seen.body), { name: 'backup', n: 1 });
  });

  test('sends a url-encoded form, Basic auth, and custom headers over the defaults', async () => {
    const result = await send(
      {},
      {
        method: 'POST',
        url: `${server.url}/form`,
        form: { To: '+15555550100', Body: 'a b&c=ä' },
        basicAuth: { user: 'AC123', password: 's3cret' },
        headers: { 'User-Agent': 'Custom/1', 'X-Token': 'é-latin1' },
      },
    );
    assert.equal(result.ok, true);
    const seen = server.seen.find((s) => s.url === '/form')!;
    assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(seen.body)), { To: '+15555550100', Body: 'a b&c=ä' });
    assert.equal(seen.body, 'To=%2B15555550100&Body=a+b%26c%3D%C3%A4');
    assert.equal(seen.headers.authorization, `Basic ${Buffer.from('AC123:s3cret').toString('base64')}`);
    assert.equal(seen.headers['user-agent'], 'Custom/1');
    assert.equal(seen.headers['x-token'], 'é-latin1', 'sent as the latin-1 byte 0xE9');
  });

  test('a header value outside latin-1 is an error result, and nothing is sent', async () => {
    const before = server.seen.length;
    const euro = await send({}, { method: 'GET', url: `${server.url}/h`, headers: { 'X-Price': '5 €' } });
    assert.deepEqual(euro, { ok: false, error: 'Header values must be latin-1', permanent: false, response: null });
    const crlf = await send({}, { method: 'GET', url: `${server.url}/h`, headers: { 'X-Evil': 'a\r\nX-Injected: 1' } });
    assert.deepEqual(crlf, { ok: false, error: 'Invalid HTTP header', permanent: false, response: null });
    assert.equal(server.seen.length, before);
  });

  test('keeps 64 KiB of the body, parses JSON, and json() is undefined for anything else', async () => {
    const big = await send({}, { method: 'GET', url: `${server.url}/big` });
    assert.ok(big.ok);
    assert.equal(big.response.text.length, 64 * 1024);
    assert.equal(big.response.json(), undefined);
    const json = await send({}, { method: 'GET', url: `${server.url}/json` });
    assert.ok(json.ok);
    assert.deepEqual(json.response.json(), { ok: 1 });
    assert.equal(json.response.headers['content-type'], 'application/json');
  });

  test('a 500 is "Received status code 500" after 3 attempts in all', async () => {
    const result = await send({}, { method: 'GET', url: `${server.url}/status/500` });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error, 'Received status code 500');
    assert.equal(!result.ok && result.response?.text, 'oops');
    assert.equal(hits('/status/500'), 3);
    await send({}, { method: 'GET', url: `${server.url}/status/500`, attempts: 1 });
    assert.equal(hits('/status/500'), 4, 'attempts: 1 sends once');
  });

  test('a permanent verdict stops at once; a transient one is tried again', async () => {
    const permanent = await send({}, { method: 'GET', url: `${server.url}/perm` }, () => ({
      error: 'Invalid key',
      permanent: true,
    }));
    assert.deepEqual(permanent.ok ? null : [permanent.error, permanent.permanent], ['Invalid key', true]);
    assert.equal(hits('/perm'), 1);
    let calls = 0;
    const flaky = await send({}, { method: 'GET', url: `${server.url}/flaky` }, () =>
      ++calls === 1 ? { error: 'busy', permanent: false } : null,
    );
    assert.equal(flaky.ok, true);
    assert.equal(hits('/flaky'), 2);
  });

  test('an attempt that outlives timeoutMs is "Connection timed out", each attempt timed on its own', async () => {
    const silent = await send({}, { method: 'GET', url: `${server.url}/silent`, timeoutMs: 150 });
    assert.deepEqual(silent, { ok: false, error: 'Connection timed out', permanent: false, response: null });
    assert.equal(hits('/silent'), 3);
    const stall = await send({ timeoutMs: 150 }, { method: 'GET', url: `${server.url}/stall`, attempts: 1 });
    assert.equal(!stall.ok && stall.error, 'Connection timed out', 'a body that stops mid-way times out too');
  });

  test('follows up to 3 redirects; the 4th is "Too many redirects"', async () => {
    const three = await send({}, { method: 'GET', url: `${server.url}/hop/2`, attempts: 1 });
    assert.equal(three.ok && three.response.text, 'OK');
    assert.deepEqual(
      server.seen.slice(-4).map((s) => s.url),
      ['/hop/2', '/hop/1', '/hop/0', '/done'],
    );
    const four = await send({}, { method: 'GET', url: `${server.url}/hop/3`, attempts: 1 });
    assert.deepEqual(four, { ok: false, error: 'Too many redirects', permanent: false, response: null });
    const loop = await send({}, { method: 'GET', url: `${server.url}/loop` });
    assert.equal(!loop.ok && loop.error, 'Too many redirects');
    assert.equal(hits('/loop'), 12, '4 requests per attempt, 3 attempts');
  });

  test('a redirect turns POST into GET on 303 and keeps it on 307', async () => {
    await send({}, { method: 'POST', url: `${server.url}/see-other`, json: { a: 1 } });
    const afterSeeOther = server.seen.at(-1)!;
    assert.deepEqual([afterSeeOther.method, afterSeeOther.url, afterSeeOther.body], ['GET', '/done', '']);
    assert.equal(afterSeeOther.headers['content-type'], undefined);
    await send({}, { method: 'POST', url: `${server.url}/temporary`, json: { a: 1 } });
    const afterTemporary = server.seen.at(-1)!;
    assert.deepEqual([afterTemporary.method, afterTemporary.url, afterTemporary.body], ['POST', '/done', '{"a":1}']);
  });

  test('only http and https: other schemes and bad URLs fail with curl’s codes, unsent', async () => {
    const count = dialled.length;
    const ftp = await send({}, { method: 'GET', url: 'ftp://127.0.0.1/file' });
    assert.deepEqual(ftp, { ok: false, error: 'HTTP request failed, code: 1', permanent: false, response: null });
    const file = await send({}, { method: 'GET', url: 'file:///etc/passwd' });
    assert.equal(!file.ok && file.error, 'HTTP request failed, code: 1');
    const garbage = await send({}, { method: 'GET', url: 'not a url' });
    assert.equal(!garbage.ok && garbage.error, 'HTTP request failed, code: 3');
    assert.equal(dialled.length, count);
    const redirected = await send({}, { method: 'GET', url: `${server.url}/to-ftp` });
    assert.equal(!redirected.ok && redirected.error, 'HTTP request failed, code: 1');
    assert.equal(hits('/to-ftp'), 1, 'not retried');
  });

  test('an unresolvable host is "Could not resolve host"', async () => {
    const result = await send({}, { method: 'GET', url: 'http://nothing-here.invalid/' });
    assert.deepEqual(result, { ok: false, error: 'Could not resolve host', permanent: false, response: null });
  });

  test('a refused connection is "Connection failed"', async () => {
    const closed = await serve();
    await closed.close();
    const result = await send({}, { method: 'GET', url: `${closed.url}/` });
    assert.deepEqual(result, { ok: false, error: 'Connection failed', permanent: false, response: null });
  });

  test('never rejects, whatever goes wrong inside', async () => {
    const unserializable = await send({}, { method: 'POST', url: `${server.url}/x`, json: { n: 1n } });
    assert.equal(unserializable.ok, false);
    const throwingJudge = await send({}, { method: 'GET', url: `${server.url}/x` }, () => {
      throw new Error('bug in a transport');
    });
    assert.equal(throwingJudge.ok, false);
  });
});

describe('private-address guard', () => {
  let v4: TestServer;
  let v6: TestServer;
  before(async () => {
    v4 = await serve();
    v6 = await serve(undefined, '::1');
  });
  after(async () => {
    await v4.close();
    await v6.close();
  });

  const refused = { ok: false, error: PRIVATE_REFUSED, permanent: false, response: null };

  for (const target of ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]']) {
    test(`refuses ${target} without reaching it, and tries only once`, async () => {
      const server = target === '[::1]' ? v6 : v4;
      const before = dialled.length;
      const result = await send({ allowPrivateIps: false }, { method: 'GET', url: `http://${target}:${server.port}/` });
      assert.deepEqual(result, refused);
      assert.equal(server.seen.length, 0);
      assert.equal(dialled.length - before, target === 'localhost' ? 1 : 0, 'a name is dialled once, a literal never');
    });
  }

  for (const target of ['10.0.0.1', '169.254.169.254', '[::ffff:10.0.0.1]', '[fd00::1]', '192.168.1.1']) {
    test(`refuses ${target} before opening a socket`, async () => {
      const before = dialled.length;
      const result = await send({ allowPrivateIps: false }, { method: 'GET', url: `http://${target}/` });
      assert.deepEqual(result, refused);
      assert.equal(dialled.length, before);
    });
  }

  test('allows loopback when private addresses are allowed', async () => {
    for (const target of ['127.0.0.1', 'localhost']) {
      const result = await send({ allowPrivateIps: true }, { method: 'GET', url: `http://${target}:${v4.port}/` });
      assert.equal(result.ok, true, target);
    }
    const result = await send({ allowPrivateIps: true }, { method: 'GET', url: `http://[::1]:${v6.port}/` });
    assert.equal(result.ok, true);
    assert.equal(v4.seen.length, 2);
    assert.equal(v6.seen.length, 1);
  });

  test('refuses a redirect to a private address', async () => {
    // 127.0.0.1 stands in for a public host; 127.0.0.2 and 10.0.0.1 stay private.
    const inner = await serve(undefined, '127.0.0.2');
    const outer = await serve((seen, res) =>
      res.writeHead(302, { location: seen.url === '/ten' ? 'http://10.0.0.1/' : inner.url }).end(),
    );
    const options = { allowPrivateIps: false, isPublicAddress: (address: string) => address === '127.0.0.1' };
    try {
      assert.deepEqual(await send(options, { method: 'GET', url: `${outer.url}/inner` }), refused);
      assert.deepEqual(await send(options, { method: 'GET', url: `${outer.url}/ten` }), refused);
      assert.equal(outer.seen.length, 2, 'the public hop was reached, once per request');
      assert.equal(inner.seen.length, 0);
      assert.ok(!dialled.includes('10.0.0.1'));
    } finally {
      await inner.close();
      await outer.close();
    }
  });

  test('classifies addresses', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])
      assert.ok(isPublicAddress(address), address);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd12::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ])
      assert.ok(!isPublicAddress(address), address);
  });
});

describe('TLS', () => {
  test('https to a server that does not speak TLS is "TLS handshake failed"', async () => {
    const plain = await serve();
    try {
      const result = await send({}, { method: 'GET', url: `https://127.0.0.1:${plain.port}/`, attempts: 1 });
      assert.deepEqual(result, { ok: false, error: 'TLS handshake failed', permanent: false, response: null });
    } finally {
      await plain.close();
    }
  });

  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  test('a self-signed certificate is "TLS handshake failed"', { skip: !hasOpenssl && 'openssl is not installed' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watchpost-tls-'));
    try {
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ]),
        { stdio: 'ignore' },
      );
      const tls = await listen(
        createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }),
        '127.0.0.1',
        'https',
        (_, res) => res.end('OK'),
      );
      try {
        const result = await send({}, { method: 'GET', url: `${tls.url}/`, attempts: 1 });
        assert.deepEqual(result, { ok: false, error: 'TLS handshake failed', permanent: false, response: null });
        assert.equal(tls.seen.length, 0);
      } finally {
        await tls.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
