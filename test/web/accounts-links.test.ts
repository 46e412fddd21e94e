import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { canonicalMailbox } from '../../src/accounts/auth-rate-limits.js';
import { createUser } from '../../src/accounts/create-user.js';
import { SESSION_COOKIE } from '../../src/web/web-plugin.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { clientFrom, nextIp } from './accounts-helpers.js';

const PASSWORD = 'correct horse battery';
const LINK = /http:\/\/localhost:8000\/accounts\/check_token\/([A-Za-z0-9_-]{43})\/(\?next=[^\s"]+)?/;

function linkOf(mail: ReceivedMail): { url: string; path: string } {
  const match = LINK.exec(mail.parsed.text ?? '');
  assert.ok(match, 'the email has a login link');
  return { url: match[0], path: match[0].replace('http://localhost:8000', '') };
}

for (const dialect of testDialects()) {
  describe(`accounts: emailed login links (${dialect})`, () => {
    let h: Harness;
    let sink: SmtpSink;
    before(async () => {
      sink = await startSmtpSink();
      h = await makeHarness(dialect, {
        SITE_NAME: 'Mychecks',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(sink.port),
        EMAIL_USE_TLS: 'False',
        DEFAULT_FROM_EMAIL: 'checks@example.org',
      });
    });
    after(async () => {
      await h.close();
      await sink.close();
    });

    /** Asks for a link for `email` and returns the email that arrives for it. */
    async function requestLink(email: string, form: Record<string, string> = {}): Promise<ReceivedMail> {
      const before = sink.messages.length;
      const client = clientFrom(h.app);
      await client.get('/accounts/login/');
      const res = await client.post('/accounts/login/link/', { email, ...form });
      assert.equal(res.statusCode, 200);
      const mails = await sink.waitFor(before + 1);
      return mails[before]!;
    }

    test('emails a branded link that logs in once, after a click on the page it opens', async () => {
      await createUser(h.deps, { email: 'alice@example.org', password: PASSWORD, isSuperuser: false });
      const client = clientFrom(h.app);
      const login = await client.get('/accounts/login/');
      assert.match(login.body, /Email me a login link/);
      const res = await client.post('/accounts/login/link/', { email: 'Alice@Example.org' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Check your email/);
      const [mail] = await sink.waitFor(1);
      assert.deepEqual(mail!.rcptTo, ['alice@example.org']);
      assert.equal(mail!.parsed.subject, 'Log in to Mychecks');
      assert.match(mail!.parsed.from?.text ?? '', /checks@example\.org/);
      assert.match(mail!.parsed.text ?? '', /The Mychecks Team/);
      const { url, path } = linkOf(mail!);
      assert.ok(String(mail!.parsed.html).includes(`href="${url}"`), 'the HTML part links to it');

      // a link scanner's GET shows a button and logs nobody in
      const scanner = clientFrom(h.app);
      const confirm = await scanner.get(path);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /<form method="post" action="\/accounts\/check_token\/[A-Za-z0-9_-]{43}\/">/);
      assert.equal(scanner.cookies.has(SESSION_COOKIE), false);
      assert.equal((await scanner.get(path)).statusCode, 200, 'still live after GETs');

      const loggedIn = await scanner.post(path);
      assert.equal(loggedIn.statusCode, 303);
      assert.equal(loggedIn.headers.location, '/projects/');
      assert.match((await scanner.get('/accounts/profile/')).body, /alice@example\.org/);

      // used up
      const again = clientFrom(h.app);
      const dead = await again.get(path);
      assert.equal(dead.statusCode, 400);
      assert.match(dead.body, /This link has expired or was already used\./);
      await again.get('/accounts/login/');
      const reused = await again.post(path);
      assert.equal(reused.statusCode, 400);
      assert.equal(again.cookies.has(SESSION_COOKIE), false);
    });

    test('a link asked for from a protected page leads back to it; a foreign `next` is dropped', async () => {
      await createUser(h.deps, { email: 'bob@example.org', password: PASSWORD, isSuperuser: false });
      const mail = await requestLink('bob@example.org', { next: '/accounts/profile/' });
      const { path } = linkOf(mail);
      assert.ok(path.endsWith('?next=%2Faccounts%2Fprofile%2F'), path);
      const client = clientFrom(h.app);
      const confirm = await client.get(path);
      assert.match(confirm.body, /action="\/accounts\/check_token\/[^"]+\/\?next=%2Faccounts%2Fprofile%2F"/);
      assert.equal((await client.post(path)).headers.location, '/accounts/profile/');

      const foreign = linkOf(await requestLink('bob@example.org', { next: '//evil.example/' }));
      assert.doesNotMatch(foreign.path, /next=/);
      const other = clientFrom(h.app);
      await other.get(foreign.path);
      assert.equal(
        (await other.post(`${foreign.path}?next=${encodeURIComponent('//evil.example/')}`)).headers.location,
        '/projects/',
      );
    });

    test('an unknown address gets the same answer and no email', async () => {
      const client = clientFrom(h.app);
      await client.get('/accounts/login/');
      const before = sink.messages.length;
      const res = await client.post('/accounts/login/link/', { email: 'nobody@example.org' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /If an account uses that address, we have emailed it a login link\./);
      await createUser(h.deps, { email: 'carol@example.org', password: PASSWORD, isSuperuser: false });
      const mail = await requestLink('carol@example.org');
      assert.equal(sink.messages.length, before + 1, 'only the known address got one');
      assert.deepEqual(mail.rcptTo, ['carol@example.org']);
    });

    test('a link expires after an hour', async () => {
      await createUser(h.deps, { email: 'dave@example.org', password: PASSWORD, isSuperuser: false });
      const { path } = linkOf(await requestLink('dave@example.org'));
      h.clock.advance(60 * 60_000);
      const client = clientFrom(h.app);
      const res = await client.get(path);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /expired/);
      await client.get('/accounts/login/');
      assert.equal((await client.post(path)).statusCode, 400);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
    });

    test('a forged or malformed token opens nothing', async () => {
      const client = clientFrom(h.app);
      assert.equal((await client.get(`/accounts/check_token/${'x'.repeat(43)}/`)).statusCode, 400);
      assert.equal((await client.get('/accounts/check_token/short/')).statusCode, 400);
    });

    test('ten login emails an hour per mailbox, however it is spelled', async () => {
      assert.equal(canonicalMailbox('J.Doe+alerts@Example.org'), 'jdoe@example.org');
      for (let i = 0; i < 10; i++) {
        const client = clientFrom(h.app, nextIp());
        await client.get('/accounts/login/');
        const spelling = i % 2 === 0 ? 'ghost@example.org' : 'g.h.o.s.t+x@example.org';
        assert.equal((await client.post('/accounts/login/link/', { email: spelling })).statusCode, 200, `request ${i + 1}`);
      }
      const client = clientFrom(h.app);
      await client.get('/accounts/login/');
      const refused = await client.post('/accounts/login/link/', { email: 'Ghost@example.org' });
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /Too many attempts, please try again later\./);
      h.clock.advance(6 * 60_000);
      assert.equal((await client.post('/accounts/login/link/', { email: 'ghost@example.org' })).statusCode, 200);
    });
  });

  describe(`accounts: login links without outgoing email (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect);
    });
    after(() => h.close());

    test('the login page offers no link, and asking for one is not found', async () => {
      const client = clientFrom(h.app);
      const login = await client.get('/accounts/login/');
      assert.doesNotMatch(login.body, /Email me a login link/);
      assert.equal((await client.post('/accounts/login/link/', { email: 'x@example.org' })).statusCode, 404);
    });
  });
}
