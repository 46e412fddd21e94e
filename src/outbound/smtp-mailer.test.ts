import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadConfig, type Env } from '../config.js';
import { silentLogger } from '../lib/logger.js';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../test/support/smtp-sink.js';
import type { OutgoingEmail } from './mailer.js';
import { EMAIL_NOT_CONFIGURED, makeSmtpMailer, type SmtpMailer } from './smtp-mailer.js';

const cleanups: Array<() => unknown> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function sink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const server = await startSmtpSink(options);
  cleanups.push(() => server.close());
  return server;
}

/** A mailer built from the environment exactly as the server builds it. */
function mailer(env: Env): SmtpMailer {
  const config = loadConfig({ DEFAULT_FROM_EMAIL: 'Mychecks <alerts@example.org>', EMAIL_USE_TLS: 'False', ...env });
  const m = makeSmtpMailer(config.email, silentLogger, { retryDelayMs: 0 });
  cleanups.push(() => m.close());
  return m;
}

const message: OutgoingEmail = {
  to: 'alice@example.net',
  subject: 'DOWN | Backup',
  text: 'The check "Backup" has gone down.\n',
  html: '<p>"Backup" is DOWN.</p>',
  headers: { 'List-Unsubscribe': '<https://checks.example.org/unsub/>', 'X-Custom': 'yes' },
  attachments: [
    {
      filename: 'last-ping.eml',
      content: new TextEncoder().encode('Subject: hi\r\n\r\nbody\r\n'),
      contentType: 'message/rfc822',
    },
    { filename: 'notes.txt', content: 'plain notes' },
  ],
};

test('delivers the message with its recipients, subject, bodies, headers and attachments', async () => {
  const server = await sink();
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port) }).send(message);

  assert.deepEqual(result, { ok: true });
  assert.equal(server.messages.length, 1);
  const [mail] = server.messages;
  assert.ok(mail);
  assert.equal(mail.mailFrom, 'alerts@example.org');
  assert.deepEqual(mail.rcptTo, ['alice@example.net']);
  assert.equal(mail.user, undefined);
  const parsed = mail.parsed;
  assert.deepEqual(parsed.from?.value, [{ address: 'alerts@example.org', name: 'Mychecks' }]);
  assert.equal(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : null, 'alice@example.net');
  assert.equal(parsed.subject, 'DOWN | Backup');
  assert.equal(parsed.text, 'The check "Backup" has gone down.\n');
  assert.equal(parsed.html, '<p>"Backup" is DOWN.</p>');
  assert.match(mail.raw.toString('utf8'), /^List-Unsubscribe: <https:\/\/checks\.example\.org\/unsub\/>\r$/m);
  assert.equal(parsed.headers.get('x-custom'), 'yes');
  assert.match(String(parsed.messageId), /@example\.org>$/);
  assert.deepEqual(
    parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')]),
    [
      ['last-ping.eml', 'message/rfc822', 'Subject: hi\r\n\r\nbody\r\n'],
      ['notes.txt', 'text/plain', 'plain notes'],
    ],
  );
});

test('uses envelopeFrom as MAIL FROM and keeps DEFAULT_FROM_EMAIL in the From header', async () => {
  const server = await sink();
  const bounce = 'bounces+n.1234.695b8ba0.0011223344556677@example.org';
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port) }).send({
    ...message,
    envelopeFrom: bounce,
  });

  assert.deepEqual(result, { ok: true });
  assert.equal(server.messages[0]?.mailFrom, bounce);
  assert.deepEqual(server.messages[0]?.rcptTo, ['alice@example.net']);
  assert.equal(server.messages[0]?.parsed.from?.value[0]?.address, 'alerts@example.org');
});

test('logs in with EMAIL_HOST_USER and EMAIL_HOST_PASSWORD', async () => {
  const server = await sink({ auth: { user: 'mailer', pass: 's3cret' } });
  const port = String(server.port);

  const good = await mailer({
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: port,
    EMAIL_HOST_USER: 'mailer',
    EMAIL_HOST_PASSWORD: 's3cret',
  }).send(message);
  assert.deepEqual(good, { ok: true });
  assert.equal(server.messages[0]?.user, 'mailer');

  const bad = await mailer({
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: port,
    EMAIL_HOST_USER: 'mailer',
    EMAIL_HOST_PASSWORD: 'wrong',
  }).send(message);
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.error, /^SMTP authentication failed: .*535.*Invalid username or password/);
  assert.equal(server.messages.length, 1);
});

test("answers a refused recipient with the server's reply and does not retry it", async () => {
  const server = await sink({ rcptTo: () => ({ code: 550, message: 'Mailbox alice does not exist' }) });
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port) }).send(message);

  assert.deepEqual(result, { ok: false, error: 'Email rejected by the SMTP server: 550 Mailbox alice does not exist' });
  assert.equal(server.mailFromCount(), 1);
  assert.equal(server.messages.length, 0);
});

test('retries a transient refusal and delivers on the third attempt', async () => {
  const server = await sink({
    mailFrom: (attempt) => (attempt < 3 ? { code: 421, message: 'Too busy, try again' } : null),
  });
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port) }).send(message);

  assert.deepEqual(result, { ok: true });
  assert.equal(server.mailFromCount(), 3);
  assert.equal(server.messages.length, 1);
});

test('gives up after three attempts with the last reply', async () => {
  const server = await sink({ mailFrom: () => ({ code: 451, message: 'Local problem' }) });
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port) }).send(message);

  assert.deepEqual(result, { ok: false, error: 'Email rejected by the SMTP server: 451 Local problem' });
  assert.equal(server.mailFromCount(), 3);
});

test('answers a server that is down with a connection error', async () => {
  const server = await startSmtpSink();
  await server.close();
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port) }).send(message);

  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /^SMTP connection failed: .*ECONNREFUSED/);
});

test('refuses to send in clear when EMAIL_USE_TLS is on and the server offers no STARTTLS', async () => {
  const server = await sink();
  const result = await mailer({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(server.port), EMAIL_USE_TLS: 'True' }).send(message);

  assert.equal(result.ok, false);
  assert.deepEqual(result, {
    ok: false,
    error: 'TLS with the SMTP server failed: Error upgrading connection with STARTTLS: 500 Error: command not recognized',
  });
  assert.equal(server.messages.length, 0);
});

test('says so when EMAIL_HOST is not set', async () => {
  const result = await mailer({}).send(message);
  assert.deepEqual(result, { ok: false, error: EMAIL_NOT_CONFIGURED });
  assert.equal(EMAIL_NOT_CONFIGURED, 'Email is not configured (EMAIL_HOST is not set)');
});
