import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { makeContext, makeIo, NOW, others } from '../../test/support/notification-fixtures.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink, type SmtpSinkOptions } from '../../test/support/smtp-sink.js';
import { loadConfig, type Env } from '../config.js';
import { signBounceId, verifyBounceId } from '../domain/bounce-id.js';
import { silentLogger } from '../lib/logger.js';
import { makeSmtpMailer } from '../outbound/smtp-mailer.js';
import { emailIntegration as email, type EmailConfig } from './email.js';
import { readUnsubscribeToken } from './email-unsubscribe.js';
import type { IntegrationIo } from './integration.js';
import type { NotificationContext } from './notification-context.js';

const SECRET = 'test-secret-key-not-for-production';
const CHANNEL = 'c3d4e5f6-0718-4a9b-8c0d-1e2f3a4b5c6d';
const NOTIFICATION = 'a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11';
const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const config: EmailConfig = { value: 'alice@example.net', up: true, down: true };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real path: the integration, the SMTP mailer built from env, and a real SMTP server. */
async function smtp(env: Env = {}, options: SmtpSinkOptions = {}): Promise<{ sink: SmtpSink; io: IntegrationIo }> {
  const sink = await startSmtpSink(options);
  const fullEnv = {
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(sink.port),
    EMAIL_USE_TLS: 'False',
    DEFAULT_FROM_EMAIL: 'Mychecks <alerts@example.org>',
    ...env,
  };
  const mailer = makeSmtpMailer(loadConfig(fullEnv).email, silentLogger, { retryDelayMs: 0 });
  const io = makeIo(fullEnv, { mailer });
  cleanups.push(
    () => sink.close(),
    () => mailer.close(),
    () => io.close(),
  );
  return { sink, io };
}

async function deliver(ctx: NotificationContext, env: Env = {}): Promise<ReceivedMail> {
  const { sink, io } = await smtp(env);
  assert.deepEqual(await email.notify(ctx, config, io), { ok: true });
  assert.equal(sink.messages.length, 1);
  return sink.messages[0]!;
}

/** A header as sent, unfolded (RFC 5322 §2.2.3): mailparser would parse List-* into objects. */
function header(mail: ReceivedMail, name: string): string | null {
  const head = mail.raw
    .toString('utf8')
    .split('\r\n\r\n')[0]!
    .replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'm').exec(head.replace(/\r/g, ''))?.[1] ?? null;
}

describe('email', () => {
  test('sends a down alert with the check details, unsubscribe headers and a signed bounce address', async () => {
    const mail = await deliver(makeContext(), { EMAIL_MAIL_FROM_TMPL: 'bounces+{bounce_id}@example.org' });
    const bounceId = signBounceId(`n.${NOTIFICATION}`, NOW, SECRET);

    assert.equal(mail.mailFrom, `bounces+${bounceId}@example.org`);
    assert.equal(verifyBounceId(bounceId, NOW, SECRET, 48 * 3_600_000), `n.${NOTIFICATION}`);
    assert.deepEqual(mail.rcptTo, ['alice@example.net']);
    assert.equal(mail.parsed.from?.text, '"Mychecks" <alerts@example.org>');
    assert.equal(mail.parsed.subject, 'DOWN | Backup');

    const unsub = header(mail, 'List-Unsubscribe');
    const match = new RegExp(`^<https://checks\\.example\\.org/integrations/${CHANNEL}/unsub/([0-9a-f]+\\.[0-9a-f]{16})/>$`).exec(
      unsub ?? '',
    );
    assert.ok(match, `List-Unsubscribe: ${unsub}`);
    assert.deepEqual(readUnsubscribeToken(CHANNEL, match[1]!, SECRET), { signedAtMs: NOW });
    assert.equal(header(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    const unsubUrl = unsub!.slice(1, -1);

    assert.equal(
      mail.parsed.text,
      [
        'The check "Backup" has gone down.',
        'Reason: success signal did not arrive on time, grace time passed.',
        '',
        'View on Mychecks:',
        CLOAKED,
        '',
        'Description:',
        '------------',
        'Nightly database backup',
        '',
        'Details:',
        '--------',
        'Project: Ops',
        'Tags: prod db',
        'Period: 1 day',
        'Total pings: 42',
        'Last ping: 2 days ago, from 203.0.113.7 (HTTPS POST)',
        'Last ping type: Success',
        'Status changed: 2026-01-05 09:59:00 UTC',
        '',
        'Last Ping Body:',
        '---------------',
        'backup finished: 12 GB',
        '',
        '--',
        `Unsubscribe: ${unsubUrl}`,
        'Regards, Mychecks',
        '',
      ].join('\n'),
    );

    const html = String(mail.parsed.html);
    assert.ok(html.includes(`&quot;Backup&quot; is DOWN. <a href="${CLOAKED}">View on Mychecks&hellip;</a>`), html);
    assert.ok(html.includes('<p>Reason: success signal did not arrive on time, grace time passed.</p>'), html);
    assert.ok(html.includes('<b>Project</b><br>Ops'), html);
    assert.ok(html.includes('<b>Last Ping</b><br>2 days ago, from 203.0.113.7 (HTTPS POST)'), html);
    assert.ok(html.includes('<b>Status Changed</b><br>2026-01-05 09:59:00 UTC'), html);
    assert.ok(html.includes('>backup finished: 12 GB</pre>'), html);
    assert.ok(html.includes(`<a href="${unsubUrl}"`), html);
    assert.ok(html.includes('Unsubscribe from &quot;Ops&quot; notifications'), html);
    assert.equal(mail.parsed.attachments.length, 0);
  });

  test('sends an up alert with the downtime, a schedule, the other checks, and escapes user input in HTML', async () => {
    const ctx = makeContext({
      status: 'up',
      flip: { at: NOW - 1000, oldStatus: 'down', reason: '' },
      downtimeMs: 3 * 3_600_000 + 12 * 60_000,
      check: { name: '<b>x</b>', kind: 'cron', schedule: '0 3 * * *', tz: 'Europe/Riga', desc: 'line 1\nline <2>', tags: '' },
      project: { code: 'p', name: 'A & B' },
      otherChecks: others([{ name: 'DB', code: 'd', lastPingAt: NOW - 3 * 3_600_000 }]),
      lastPing: null,
    });
    const mail = await deliver(ctx);

    assert.equal(mail.parsed.subject, 'UP | <b>x</b>');
    assert.equal(mail.mailFrom, 'alerts@example.org');
    const text = String(mail.parsed.text);
    for (const line of [
      'The check "<b>x</b>" has gone up.\nThe downtime lasted 3 hours, 12 minutes.\n',
      'Description:\n------------\nline 1\nline <2>\n',
      'Project: A & B\nSchedule: 0 3 * * *\nTime Zone: Europe/Riga\nTotal pings: 0\nStatus changed: 2026-01-05 09:59:59 UTC\n',
      'Other Checks:\n-------------\n1 other check is still down:\n* DB (last ping: 3 hours ago)\n',
    ])
      assert.ok(text.includes(line), `${JSON.stringify(line)} in\n${text}`);
    assert.ok(!text.includes('Last ping'), text);
    assert.ok(!text.includes('Tags:'), text);

    const html = String(mail.parsed.html);
    assert.ok(!html.includes('<b>x</b>'), html);
    for (const fragment of [
      '&quot;&lt;b&gt;x&lt;/b&gt;&quot; is UP.',
      '<p>The downtime lasted 3 hours, 12 minutes.</p>',
      '<b>Description</b><br>line 1<br>\nline &lt;2&gt;</p>',
      '<b>Project</b><br>A &amp; B',
      '<b>Schedule</b><br><code>0 3 * * *</code>',
      '<b>Time Zone</b><br>Europe/Riga',
      '<p>1 other check is still down:</p>\n<ul><li>DB (last ping: 3 hours ago)</li></ul>',
      'Unsubscribe from &quot;A &amp; B&quot; notifications',
    ])
      assert.ok(html.includes(fragment), `${fragment} in\n${html}`);
  });

  test('attaches an email ping as last-ping.eml and shows its subject instead of the raw body', async () => {
    const raw = 'From: cron@example.com\r\nTo: x@hc.example.org\r\nSubject: =?UTF-8?Q?Backup_=E2=9C=93?=\r\n\r\nAll <done>\r\n';
    const ctx = makeContext({
      lastPing: { ...makeContext().lastPing!, scheme: 'email', method: 'email', body: new TextEncoder().encode(raw) },
    });
    const mail = await deliver(ctx);

    assert.deepEqual(
      mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')]),
      [['last-ping.eml', 'message/rfc822', raw]],
    );
    const text = String(mail.parsed.text);
    assert.ok(
      text.includes('Last ping: 2 days ago, from 203.0.113.7 (Email)\nLast ping type: Success\nLast ping subject: Backup ✓\n'),
      text,
    );
    assert.ok(
      text.includes('Last Ping Body:\n---------------\nThe last ping was an email: it is attached as last-ping.eml.\n'),
      text,
    );
    assert.ok(!text.includes('All <done>'), text);
    const html = String(mail.parsed.html);
    assert.ok(html.includes('<p><b>Last Ping Subject</b><br>Backup ✓</p>'), html);
    assert.ok(!html.includes('All &lt;done&gt;'), html);
  });

  test('shows the first 10,000 characters of a long body, then [truncated], escaped in HTML', async () => {
    const body = `<${'a'.repeat(9_999)}${'b'.repeat(50)}`;
    const ctx = makeContext({ lastPing: { ...makeContext().lastPing!, body: new TextEncoder().encode(body) } });
    const mail = await deliver(ctx);

    const text = String(mail.parsed.text);
    assert.ok(text.includes(`---------------\n<${'a'.repeat(9_999)}\n[truncated]\n`), 'text body cut at 10,000 characters');
    assert.ok(!text.includes('b'.repeat(10)));
    assert.ok(String(mail.parsed.html).includes(`>&lt;${'a'.repeat(9_999)} [truncated]</pre>`));
  });

  test("accepts Healthchecks' %s form of EMAIL_MAIL_FROM_TMPL", async () => {
    const mail = await deliver(makeContext(), { EMAIL_MAIL_FROM_TMPL: '%s@bounces.example.org' });
    assert.equal(mail.mailFrom, `${signBounceId(`n.${NOTIFICATION}`, NOW, SECRET)}@bounces.example.org`);
  });

  test('reports a refused delivery as a transient failure with the server reply', async () => {
    const { sink, io } = await smtp({}, { rcptTo: () => ({ code: 550, message: 'No such mailbox' }) });
    assert.deepEqual(await email.notify(makeContext(), config, io), {
      ok: false,
      error: 'Email rejected by the SMTP server: 550 No such mailbox',
      permanent: false,
    });
    assert.equal(sink.messages.length, 0);
  });

  test('reports a missing EMAIL_HOST', async () => {
    const io = makeIo({}, { mailer: makeSmtpMailer(loadConfig({}).email, silentLogger) });
    cleanups.push(() => io.close());
    assert.deepEqual(await email.notify(makeContext(), config, io), {
      ok: false,
      error: 'Email is not configured (EMAIL_HOST is not set)',
      permanent: false,
    });
  });

  test('is a no-op for a direction that is switched off', () => {
    const cases: Array<[boolean, boolean, 'up' | 'down', boolean]> = [
      [true, true, 'down', false],
      [true, true, 'up', false],
      [true, false, 'down', true],
      [true, false, 'up', false],
      [false, true, 'up', true],
      [false, true, 'down', false],
    ];
    for (const [up, down, status, noop] of cases)
      assert.equal(email.isNoop({ value: 'a@b.org', up, down }, status), noop, `up=${up} down=${down} ${status}`);
  });

  test('reads the stored JSON form and the legacy bare address', () => {
    const cases: Array<[string, EmailConfig]> = [
      ['{"value": "alice@example.net", "up": false, "down": true}', { value: 'alice@example.net', up: false, down: true }],
      ['{"value": "alice@example.net"}', { value: 'alice@example.net', up: true, down: true }],
      ['alice@example.net', { value: 'alice@example.net', up: true, down: true }],
    ];
    for (const [stored, expected] of cases) assert.deepEqual(email.fromStored(stored), expected, stored);
    assert.throws(() => email.fromStored('{"value": 42}'));
    assert.throws(() => email.fromStored('{not json'));
  });

  test('stores the config as Healthchecks does and names the channel after the address', () => {
    const stored = email.toStored({ value: 'alice@example.net', up: true, down: false });
    assert.equal(stored, '{"value":"alice@example.net","up":true,"down":false}');
    assert.deepEqual(email.fromStored(stored), { value: 'alice@example.net', up: true, down: false });
    assert.equal(email.displayName?.(config), 'Email to alice@example.net');
    assert.equal(email.kind, 'email');
    assert.equal(email.label, 'Email');
  });

  test('validates the API config with messages naming the field', () => {
    assert.deepEqual(email.configSchema.parse({ value: 'alice@example.net' }), config);
    assert.deepEqual(email.configSchema.parse({ value: 'alice@example.net', up: false }), { ...config, up: false });
    const cases: Array<[unknown, string]> = [
      [{ value: 'not an address' }, 'value is not a valid email address'],
      [{ value: 42 }, 'value is not a valid email address'],
      [{}, 'value is required'],
      [{ value: `${'a'.repeat(250)}@example.org` }, 'value is too long'],
      [{ value: 'alice@example.net', up: 'yes' }, 'up is not a boolean'],
      [{ value: 'alice@example.net', down: 1 }, 'down is not a boolean'],
      [{ value: 'alice@example.net', cc: 'bob@example.net' }, 'unexpected field: cc'],
      ['alice@example.net', 'config is not an object'],
    ];
    for (const [input, message] of cases) {
      const result = email.configSchema.safeParse(input);
      assert.equal(result.success ? null : result.error.issues[0]?.message, message, JSON.stringify(input));
    }
  });
});
