import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject } from '../../src/accounts/create-project.js';
import { createUser } from '../../src/accounts/create-user.js';
import { listProjectsForUser } from '../../src/store/members.js';
import { findUserByEmail } from '../../src/store/users.js';
import { SESSION_COOKIE } from '../../src/web/web-plugin.js';
import { testDialects } from '../support/databases.js';
import { makeCheck } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { loggedInClient, type WebClient } from '../support/web-client.js';
import { clientFrom, logInThroughForm, setCookieLine } from './accounts-helpers.js';

const PASSWORD = 'correct horse battery';
const CHANGE_LINK = /http:\/\/localhost:8000(\/accounts\/change_email\/[A-Za-z0-9_-]{43}\/)/;

for (const dialect of testDialects()) {
  describe(`accounts: profile (${dialect})`, () => {
    let h: Harness;
    let sink: SmtpSink;
    before(async () => {
      sink = await startSmtpSink();
      h = await makeHarness(dialect, {
        SITE_NAME: 'Mychecks',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(sink.port),
        EMAIL_USE_TLS: 'False',
      });
    });
    after(async () => {
      await h.close();
      await sink.close();
    });

    async function profileOf(email: string): Promise<WebClient & { userId: number }> {
      const client = await loggedInClient(h.deps, h.app, email, { password: PASSWORD });
      assert.equal((await client.get('/accounts/profile/')).statusCode, 200);
      return client;
    }

    const userRow = (id: number) =>
      h.deps.store.db
        .selectFrom('users')
        .select(['email', 'theme', 'reports', 'nag_period_seconds', 'next_nag_at', 'next_report_at', 'tz'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    test('the profile needs a login, and shows every setting with a label', async () => {
      const anonymous = await h.app.inject({ url: '/accounts/profile/' });
      assert.equal(anonymous.statusCode, 303);
      const client = await loggedInClient(h.deps, h.app, 'alice@example.org');
      const page = await client.get('/accounts/profile/');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<title>Account settings – Mychecks<\/title>/);
      assert.match(page.body, /You log in as <strong>alice@example\.org<\/strong>/);
      for (const id of [
        'new-email',
        'email-password',
        'current-password',
        'new-password',
        'reports',
        'nag',
        'tz',
        'close-email',
      ]) {
        assert.match(page.body, new RegExp(`<label for="${id}">`), id);
        assert.match(page.body, new RegExp(`id="${id}"`), id);
      }
      assert.match(page.body, /<option value="monthly" selected>/);
      assert.match(page.body, /<option value="UTC" selected>/);
      assert.match(page.body, /<input type="radio" name="theme" value="system" checked \/>/);
    });

    test('changing the password needs the current one, and logs out the other sessions', async () => {
      const client = await profileOf('bob@example.org');
      const other = await loggedInClient(h.deps, h.app, 'bob-other@example.org');
      // a second session of the same user, from another browser
      const second = clientFrom(h.app);
      await logInThroughForm(second, 'bob@example.org', PASSWORD);
      assert.equal((await second.get('/accounts/profile/')).statusCode, 200);

      const wrong = await client.post('/accounts/profile/password/', { current: 'nope nope nope', password: 'a new password' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /The current password is not correct\./);
      const short = await client.post('/accounts/profile/password/', { current: PASSWORD, password: 'short' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /The new password must have at least 8 characters\./);

      const res = await client.post('/accounts/profile/password/', { current: PASSWORD, password: 'a new password' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accounts/profile/');
      assert.match(setCookieLine(res, SESSION_COOKIE) ?? '', /HttpOnly/);
      const after = await client.get('/accounts/profile/');
      assert.equal(after.statusCode, 200, 'this browser stays logged in');
      assert.match(after.body, /Your password has been changed\./);
      assert.equal((await second.get('/accounts/profile/')).statusCode, 303, 'the other session is over');
      assert.equal((await other.get('/accounts/profile/')).statusCode, 200, 'other users are untouched');
      assert.equal((await logInThroughForm(clientFrom(h.app), 'bob@example.org', PASSWORD)).statusCode, 400);
      assert.equal((await logInThroughForm(clientFrom(h.app), 'bob@example.org', 'a new password')).statusCode, 303);
    });

    test('changing the email address waits for the link sent to the new address', async () => {
      const client = await profileOf('carol@example.org');
      await createUser(h.deps, { email: 'taken@example.org', password: PASSWORD, isSuperuser: false });
      const wrong = await client.post('/accounts/profile/email/', { email: 'carol@new.example', password: 'wrong password' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /The current password is not correct\./);
      assert.match(wrong.body, /value="carol@new\.example"/);
      const taken = await client.post('/accounts/profile/email/', { email: 'taken@example.org', password: PASSWORD });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /Another account already uses this email address\./);
      const invalid = await client.post('/accounts/profile/email/', { email: 'nope', password: PASSWORD });
      assert.match(invalid.body, /Please enter a valid email address\./);

      const before = sink.messages.length;
      const res = await client.post('/accounts/profile/email/', { email: 'Carol@New.example', password: PASSWORD });
      assert.equal(res.statusCode, 303);
      const mail = (await sink.waitFor(before + 1))[before]!;
      assert.deepEqual(mail.rcptTo, ['carol@new.example']);
      assert.equal(mail.parsed.subject, 'Confirm your new email address on Mychecks');
      const path = CHANGE_LINK.exec(mail.parsed.text ?? '')?.[1];
      assert.ok(path, 'the email has the confirmation link');
      assert.match((await client.get('/accounts/profile/')).body, /We have emailed a confirmation link to carol@new\.example\./);
      assert.equal((await userRow(client.userId)).email, 'carol@example.org', 'nothing changes before the click');

      const confirm = await client.get(path);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Confirm your new address/);
      const done = await client.post(path);
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/accounts/profile/');
      assert.equal((await userRow(client.userId)).email, 'carol@new.example');
      assert.match((await client.get('/accounts/profile/')).body, /Your email address is now carol@new\.example\./);
      assert.equal((await client.post(path)).statusCode, 400, 'the link works once');
      assert.equal((await logInThroughForm(clientFrom(h.app), 'carol@new.example', PASSWORD)).statusCode, 303);
    });

    test('an email change loses to an account that took the address in the meantime', async () => {
      const client = await profileOf('dave@example.org');
      const before = sink.messages.length;
      await client.post('/accounts/profile/email/', { email: 'contested@example.org', password: PASSWORD });
      const path = CHANGE_LINK.exec((await sink.waitFor(before + 1))[before]!.parsed.text ?? '')![1]!;
      await createUser(h.deps, { email: 'contested@example.org', password: PASSWORD, isSuperuser: false });
      await client.get(path);
      const res = await client.post(path);
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /Another account already uses this email address\./);
      assert.equal((await userRow(client.userId)).email, 'dave@example.org');
    });

    test('the theme is saved and used by every page', async () => {
      const client = await profileOf('erin@example.org');
      const res = await client.post('/accounts/profile/theme/', { theme: 'dark' });
      assert.equal(res.statusCode, 303);
      assert.equal((await userRow(client.userId)).theme, 'dark');
      const page = await client.get('/accounts/profile/');
      assert.match(page.body, /<html lang="en" data-theme="dark">/);
      assert.match(page.body, /value="dark" checked/);
      await client.post('/accounts/profile/theme/', { theme: 'system' });
      assert.equal((await userRow(client.userId)).theme, '');
      const bad = await client.post('/accounts/profile/theme/', { theme: 'neon' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Please choose light, dark or system\./);
    });

    test('reports, reminders and time zone are saved; reminders start at once when a check is down', async () => {
      const client = await profileOf('frank@example.org');
      const { project } = await createProject(h.deps, { name: 'Frank', ownerEmail: 'frank@example.org' });
      const projectId = (await listProjectsForUser(h.deps.store.db, client.userId))[0]!.id;
      await makeCheck(h.deps, { ...project, projectId }, { status: 'down' });
      await h.deps.store.db.updateTable('users').set({ next_report_at: 123 }).where('id', '=', client.userId).execute();

      const res = await client.post('/accounts/profile/notifications/', { reports: 'weekly', nag: 'hourly', tz: 'Europe/Riga' });
      assert.equal(res.statusCode, 303);
      const row = await userRow(client.userId);
      assert.deepEqual(
        { reports: row.reports, nag: row.nag_period_seconds, tz: row.tz, nextReport: row.next_report_at },
        { reports: 'weekly', nag: 3600, tz: 'Europe/Riga', nextReport: null },
      );
      assert.equal(Number(row.next_nag_at), h.clock.now() + 3_600_000);
      const page = await client.get('/accounts/profile/');
      assert.match(page.body, /<option value="weekly" selected>/);
      assert.match(page.body, /<option value="hourly" selected>/);
      assert.match(page.body, /<option value="Europe\/Riga" selected>/);

      // saving the same again moves nothing; turning reminders off clears them
      h.clock.advance(60_000);
      await client.post('/accounts/profile/notifications/', { reports: 'weekly', nag: 'hourly', tz: 'Europe/Riga' });
      assert.equal(Number((await userRow(client.userId)).next_nag_at), h.clock.now() - 60_000 + 3_600_000);
      await client.post('/accounts/profile/notifications/', { reports: 'off', nag: 'none', tz: 'Europe/Riga' });
      assert.equal((await userRow(client.userId)).next_nag_at, null);

      const badTz = await client.post('/accounts/profile/notifications/', { reports: 'daily', nag: 'none', tz: 'Mars/Olympus' });
      assert.equal(badTz.statusCode, 400);
      assert.match(badTz.body, /Unknown time zone: &quot;Mars\/Olympus&quot;\./);
      const badNag = await client.post('/accounts/profile/notifications/', { reports: 'daily', nag: 'weekly', tz: 'UTC' });
      assert.equal(badNag.statusCode, 400);
      assert.equal((await userRow(client.userId)).reports, 'off');
    });

    test('closing the account needs its address typed, and deletes it with its projects and sessions', async () => {
      const client = await profileOf('gina@example.org');
      const { project } = await createProject(h.deps, { name: 'Gina', ownerEmail: 'gina@example.org' });
      const cookie = client.cookies.get(SESSION_COOKIE)!;
      const wrong = await client.post('/accounts/profile/close/', { email: 'someone@example.org' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /To close the account, type its email address exactly\./);
      assert.ok(await findUserByEmail(h.deps.store.db, 'gina@example.org'));

      const res = await client.post('/accounts/profile/close/', { email: 'Gina@example.org' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accounts/login/');
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
      assert.match((await client.get('/accounts/login/')).body, /Your account has been closed\./);
      assert.equal(await findUserByEmail(h.deps.store.db, 'gina@example.org'), undefined);
      const left = await h.deps.store.db.selectFrom('projects').select('id').where('code', '=', project.id).execute();
      assert.deepEqual(left, []);
      const stale = await h.app.inject({ url: '/accounts/profile/', headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
      assert.equal(stale.statusCode, 303);
    });
  });
}
