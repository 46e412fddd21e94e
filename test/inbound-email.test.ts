import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { pino } from 'pino';
import { startSmtpListener, type SmtpListener } from '../src/smtp/smtp-listener.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, pingsOf, reload, type CheckFields, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';
import { tcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const DOMAIN = 'hc.example.com';
const ENV = { PING_EMAIL_DOMAIN: DOMAIN, PING_BODY_LIMIT: '100' };

interface Inbound {
  h: Harness;
  smtp: SmtpListener;
  /** Every log line the listener wrote, as `msg` strings. */
  logs: string[];
}

async function startInbound(h: Harness): Promise<Inbound> {
  const logs: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push((JSON.parse(line) as { msg: string }).msg) });
  const smtp = await startSmtpListener({ ...h.deps, log }, h.recorder, { host: '127.0.0.1', port: 0 });
  return { h, smtp, logs };
}

function sendMail(port: number, mail: Mail.Options) {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: 'foo@example.org', ...mail });
}

/** One SMTP dialogue over a raw socket: the reply line to each command, in order. */
async function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const pending: Array<(reply: string) => void> = [];
  const replies: string[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // Multi-line replies ("250-…") end with the line whose code is followed by a space.
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const waiter = pending.shift();
        if (waiter) waiter(line);
        else replies.push(line);
      }
    }
  });
  const next = () => new Promise<string>((resolve) => (replies.length ? resolve(replies.shift()!) : pending.push(resolve)));
  await next(); // greeting
  const out: string[] = [];
  for (const command of [...commands, 'QUIT']) {
    socket.write(`${command}\r\n`);
    out.push(await next());
  }
  socket.destroy();
  return out.slice(0, -1);
}

for (const dialect of testDialects()) {
  describe(`inbound email pings (${dialect})`, () => {
    let h: Harness;
    let inbound: Inbound;
    let project: TestProject;
    let port: number;
    before(async () => {
      h = await makeHarness(dialect, ENV);
      inbound = await startInbound(h);
      port = inbound.smtp.port;
      project = await makeProject(h.deps);
    });
    after(async () => {
      await inbound.smtp.close();
      await h.close();
    });

    const check = (fields: CheckFields = {}) => makeCheck(h.deps, project, fields);
    const mailbox = (code: string) => `${code}@${DOMAIN}`;
    const onlyPing = async (checkId: number) => {
      const pings = await pingsOf(h.deps, checkId);
      assert.equal(pings.length, 1);
      return pings[0]!;
    };
    const kindFor = async (fields: CheckFields, mail: Mail.Options) => {
      const c = await check(fields);
      await sendMail(port, { to: mailbox(c.code), ...mail });
      return (await onlyPing(c.id)).kind;
    };

    test('records an email ping with scheme, sender, client address and the whole raw message', async () => {
      h.clock.set(T0 + 60_000);
      const c = await check();
      const raw = ['From: foo@example.org', `To: ${mailbox(c.code)}`, 'Subject: Nightly', '', 'hello world', 'x'.repeat(300), ''];
      const info = await sendMail(port, { envelope: { from: 'foo@example.org', to: mailbox(c.code) }, raw: raw.join('\r\n') });
      assert.equal(info.response, '250 OK');
      const ping = await onlyPing(c.id);
      assert.equal(ping.kind, 'success');
      assert.equal(ping.scheme, 'email');
      assert.equal(ping.method, '');
      assert.equal(ping.ua, 'Email from foo@example.org');
      assert.equal(ping.remote_addr, '127.0.0.1');
      assert.equal(ping.created_at, T0 + 60_000);
      assert.equal(ping.exit_status, null);
      assert.equal(ping.rid, null);
      // The whole message, though PING_BODY_LIMIT is 100 bytes here.
      assert.equal(Buffer.from(ping.body!).toString('utf8'), raw.join('\r\n'));
      assert.equal((await reload(h.deps, c.code)).status, 'up');
      assert.ok(inbound.logs.includes(`Processed ping for ${mailbox(c.code)}`));
    });

    test('an uppercase UUID mailbox pings the check', async () => {
      const c = await check();
      await sendMail(port, { to: mailbox(c.code.toUpperCase()), text: 'hello' });
      assert.equal((await onlyPing(c.id)).kind, 'success');
    });

    test('filter_subject matches the success keyword in the subject, base64-encoded too', async () => {
      const fields = { filter_subject: 1 as const, success_kw: 'SUCCESS' };
      assert.equal(await kindFor(fields, { subject: '[SUCCESS] Backup completed', text: 'x' }), 'success');
      const c = await check(fields);
      const raw = [
        'From: foo@example.org',
        `To: ${mailbox(c.code)}`,
        'Subject: =?US-ASCII?B?W1NVQ0NFU1NdIEJhY2t1cCBjb21wbGV0ZWQ=?=',
        '',
        'hello world',
        '',
      ].join('\r\n');
      await sendMail(port, { envelope: { from: 'foo@example.org', to: mailbox(c.code) }, raw });
      const ping = await onlyPing(c.id);
      assert.equal(ping.kind, 'success');
      assert.equal(Buffer.from(ping.body!).toString('utf8'), raw);
    });

    test('filter_body matches the plain body and the HTML body with its tags stripped', async () => {
      const fields = { filter_body: 1 as const, success_kw: 'SUCCESS' };
      assert.equal(await kindFor(fields, { subject: 'Report', text: 'Backup: SUCCESS' }), 'success');
      assert.equal(await kindFor(fields, { subject: 'Report', html: '<p><b>S</b>UCCESS</p>' }), 'success');
      // A keyword only inside <script> is not text.
      assert.equal(await kindFor(fields, { subject: 'Report', html: '<p>done</p><script>SUCCESS</script>' }), 'ign');
    });

    test('without a matching keyword the ping is ignored; failure keywords fail', async () => {
      assert.equal(await kindFor({ filter_body: 1, success_kw: 'SUCCESS' }, { subject: 'SUCCESS', text: 'all good' }), 'ign');
      assert.equal(
        await kindFor({ filter_subject: 1, failure_kw: 'FAIL' }, { subject: '[FAIL] Backup failed', text: 'x' }),
        'fail',
      );
      assert.equal(
        await kindFor({ filter_subject: 1, failure_kw: 'FAIL' }, { subject: '[SUCCESS] Backup done', text: 'x' }),
        'ign',
      );
    });

    test('several keywords, and failure winning over success', async () => {
      const fields = { filter_subject: 1 as const, success_kw: 'SUCCESS, OK', failure_kw: 'FAIL, WARNING' };
      assert.equal(await kindFor(fields, { subject: '[OK] Backup completed', text: 'x' }), 'success');
      assert.equal(await kindFor(fields, { subject: '[WARNING] Disk almost full', text: 'x' }), 'fail');
      assert.equal(await kindFor(fields, { subject: 'SUCCESS and FAIL', text: 'x' }), 'fail');
    });

    test('a start keyword starts the check', async () => {
      const fields = { filter_subject: 1 as const, start_kw: 'START', success_kw: 'SUCCESS' };
      assert.equal(await kindFor(fields, { subject: '[START] Starting backup...', text: 'x' }), 'start');
    });

    test('filter_default_fail fails an unmatched subject; HTTP body filtering alone does not apply', async () => {
      const defaultFail = { filter_subject: 1 as const, success_kw: 'SUCCESS', filter_default_fail: 1 as const };
      assert.equal(await kindFor(defaultFail, { subject: 'Something else', text: 'x' }), 'fail');
      assert.equal(await kindFor({ filter_http_body: 1, failure_kw: 'FAIL' }, { subject: 'FAIL', text: 'FAIL' }), 'success');
    });

    test('a paused check waiting for a manual resume records a matching email as ign', async () => {
      const c = await check({ status: 'paused', manual_resume: 1, filter_subject: 1, success_kw: 'SUCCESS' });
      await sendMail(port, { to: mailbox(c.code), subject: '[SUCCESS] done', text: 'x' });
      assert.equal((await onlyPing(c.id)).kind, 'ign');
      assert.equal((await reload(h.deps, c.code)).status, 'paused');
    });

    test('a non-ASCII failure keyword is found in an HTML part', async () => {
      const fields = { filter_body: 1 as const, failure_kw: 'glāžšķūņu' };
      assert.equal(
        await kindFor(fields, { subject: 'Atskaite', text: 'plain', html: '<p>Kļūda: <em>glāžšķūņu</em></p>' }),
        'fail',
      );
    });

    test('with two recipients, the known check gets the ping and the unknown one is logged', async () => {
      const c = await check();
      const unknown = mailbox('11111111-2222-4333-8444-555555555555');
      const info = await sendMail(port, { to: [unknown, mailbox(c.code)], text: 'hello' });
      assert.equal(info.response, '250 OK');
      assert.deepEqual(info.rejected, []);
      assert.equal((await onlyPing(c.id)).kind, 'success');
      assert.ok(inbound.logs.includes(`Check not found: ${unknown}`));
    });

    test('RCPT TO accepts ping mailboxes and rejects others with 550', async () => {
      const replies = await smtpDialogue(port, [
        'EHLO client.example.org',
        'MAIL FROM:<foo@example.org>',
        `RCPT TO:<763c0772-307f-42f6-bdf0-1bb2ff647a09@${DOMAIN}>`,
        `RCPT TO:<${project.ping_key}+foo@${DOMAIN}>`,
        'RCPT TO:<foo@example.com>',
        `RCPT TO:<tooshort+foo@${DOMAIN}>`,
        `RCPT TO:<${project.ping_key}+x.y.z@${DOMAIN}>`,
        'RCPT TO:<763c0772-307f-42f6-bdf0-1bb2ff647a09@bad.domain>',
        `RCPT TO:<763c0772-307f-42f6-bdf0-1bb2ff647a09@${DOMAIN.toUpperCase()}>`,
      ]);
      assert.deepEqual(replies.slice(2), [
        '250 Accepted',
        '250 Accepted',
        '550 5.1.1 Recipient rejected',
        '550 5.1.1 Invalid mailbox',
        '550 5.1.1 Invalid mailbox',
        '550 5.1.1 Recipient rejected',
        '550 5.1.1 Recipient rejected',
      ]);
    });

    test('nodemailer sees the 550 when every recipient is rejected', async () => {
      await assert.rejects(sendMail(port, { to: 'foo@example.com', text: 'x' }), (error: Error & { response?: string }) => {
        assert.equal(error.response, '550 5.1.1 Recipient rejected');
        return true;
      });
    });

    test('a ping key and slug mailbox pings the check with that slug', async () => {
      const c = await check({ slug: 'testslug' });
      await sendMail(port, { to: `${project.ping_key}+testslug@${DOMAIN}`, subject: 'Done', text: 'x' });
      const ping = await onlyPing(c.id);
      assert.equal(ping.kind, 'success');
      assert.equal(ping.scheme, 'email');
    });

    test('an unknown slug or ping key is logged as not found, and the message still accepted', async () => {
      const unknownSlug = `${project.ping_key}+nosuchslug@${DOMAIN}`;
      const unknownKey = `rrrrrrrrrrrrrrrrrrrrrr+testslug@${DOMAIN}`;
      const info = await sendMail(port, { to: [unknownSlug, unknownKey], text: 'x' });
      assert.equal(info.response, '250 OK');
      assert.ok(inbound.logs.includes(`Check not found: ${unknownSlug}`));
      assert.ok(inbound.logs.includes(`Check not found: ${unknownKey}`));
    });

    test('a slug shared by two checks is ambiguous and pings neither', async () => {
      const a = await check({ slug: 'twin' });
      const b = await check({ slug: 'twin' });
      const address = `${project.ping_key}+twin@${DOMAIN}`;
      const info = await sendMail(port, { to: address, text: 'x' });
      assert.equal(info.response, '250 OK');
      assert.ok(inbound.logs.includes(`Ambiguous slug: ${address}`));
      assert.deepEqual(await pingsOf(h.deps, a.id), []);
      assert.deepEqual(await pingsOf(h.deps, b.id), []);
    });

    test('a message over 10 MB is refused with 552 and not recorded', async () => {
      const c = await check();
      await assert.rejects(
        sendMail(port, { to: mailbox(c.code), text: 'y'.repeat(10 * 1024 * 1024 + 1) }),
        (error: Error & { responseCode?: number }) => {
          assert.equal(error.responseCode, 552);
          return true;
        },
      );
      assert.deepEqual(await pingsOf(h.deps, c.id), []);
    });
  });
}

// Healthchecks acknowledges the message and loses the ping when its database is down; we answer
// 451 so the sending server retries later.
describe(
  'email pings while PostgreSQL is unreachable (postgres)',
  { skip: !testDialects().includes('postgres') && 'TEST_DATABASE_URL is not set' },
  () => {
    let proxy: TcpProxy;
    let h: Harness;
    let inbound: Inbound;
    before(async () => {
      const target = new URL(process.env.TEST_DATABASE_URL!);
      proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
      h = await makeHarness('postgres', ENV, undefined, (url) => {
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
      });
      inbound = await startInbound(h);
    });
    after(async () => {
      await proxy.restore();
      await inbound.smtp.close();
      await h.close();
      await proxy.close();
    });

    test('answers 451 while the database is down, and records the retried message after', async () => {
      const c = await makeCheck(h.deps, await makeProject(h.deps));
      const mail = { to: `${c.code}@${DOMAIN}`, text: 'hello' };
      await proxy.cut();
      await assert.rejects(sendMail(inbound.smtp.port, mail), (error: Error & { responseCode?: number }) => {
        assert.equal(error.responseCode, 451);
        return true;
      });
      await proxy.restore();
      assert.equal((await sendMail(inbound.smtp.port, mail)).response, '250 OK');
      assert.equal((await pingsOf(h.deps, c.id)).length, 1);
    });
  },
);
