import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../src/accounts/create-user.js';
import { listProjectsForUser } from '../../src/store/members.js';
import { findProjectByCode } from '../../src/store/projects.js';
import { findUserByEmail } from '../../src/store/users.js';
import { SESSION_COOKIE } from '../../src/web/web-plugin.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { loggedInClient, webClient } from '../support/web-client.js';
import { clientFrom, logInThroughForm, nextIp, setCookieLine } from './accounts-helpers.js';

const PASSWORD = 'correct horse battery';
const HOUR_MS = 3_600_000;

for (const dialect of testDialects()) {
  describe(`accounts: sign up, log in, log out (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect, { SITE_NAME: 'Mychecks' });
    });
    after(() => h.close());

    test('signing up creates the account and its first project, logs in and lands on its checks page', async () => {
      const client = clientFrom(h.app);
      const form = await client.get('/accounts/signup/');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<label for="signup-email">Email<\/label>/);
      assert.match(form.body, /<title>Sign up – Mychecks<\/title>/);
      const res = await client.post('/accounts/signup/', { email: 'New.User@Example.org', password: PASSWORD });
      assert.equal(res.statusCode, 303);
      const user = await findUserByEmail(h.deps.store.db, 'new.user@example.org');
      assert.ok(user);
      assert.equal(user.isSuperuser, false);
      const projects = await listProjectsForUser(h.deps.store.db, user.id);
      assert.deepEqual(
        projects.map((p) => [p.name, p.role]),
        [['new.user@example.org', 'owner']],
      );
      assert.equal(res.headers.location, `/projects/${projects[0]!.code}/checks/`);
      // …with a first check to ping, which emails the new address when it goes down
      const checks = await client.get(`/projects/${projects[0]!.code}/checks/`);
      assert.match(checks.body, /My First Check/);
      const project = await findProjectByCode(h.deps.store.db, projects[0]!.code);
      const channels = await h.deps.store.db.selectFrom('channels').selectAll().where('project_id', '=', project!.id).execute();
      assert.deepEqual(
        channels.map((c) => [c.kind, JSON.parse(c.value) as unknown, c.email_verified]),
        [['email', { value: 'new.user@example.org', up: true, down: true }, 1]],
      );
      const assigned = await h.deps.store.db.selectFrom('checks_channels').selectAll().execute();
      assert.ok(assigned.some((a) => Number(a.channel_id) === Number(channels[0]!.id)));
      const profile = await client.get('/accounts/profile/');
      assert.equal(profile.statusCode, 200);
      assert.match(profile.body, /You log in as <strong>new\.user@example\.org<\/strong>/);
    });

    test('the session cookie is signed, HttpOnly and SameSite=Lax, for the whole site, not Secure over http', async () => {
      const client = clientFrom(h.app);
      await client.get('/accounts/signup/');
      const res = await client.post('/accounts/signup/', { email: 'cookie@example.org', password: PASSWORD });
      const line = setCookieLine(res, SESSION_COOKIE);
      assert.ok(line, 'a session cookie is set');
      assert.match(line, /; HttpOnly/);
      assert.match(line, /; SameSite=Lax/);
      assert.match(line, /; Path=\//);
      assert.match(line, /; Max-Age=1209600/);
      assert.doesNotMatch(line, /; Secure/);
      // signed: the raw token alone is refused
      const value = decodeURIComponent(line.split(';')[0]!.split('=').slice(1).join('='));
      assert.match(value, /^[^.]+\..+$/);
      const unsigned = value.slice(0, value.lastIndexOf('.'));
      const forged = await h.app.inject({ url: '/accounts/profile/', headers: { cookie: `${SESSION_COOKIE}=${unsigned}` } });
      assert.equal(forged.statusCode, 303);
    });

    test('a signup with a problem shows the form again with the message and the address kept', async () => {
      const client = clientFrom(h.app);
      await client.get('/accounts/signup/');
      const short = await client.post('/accounts/signup/', { email: 'short@example.org', password: 'seven77' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /The password must have at least 8 characters\./);
      assert.match(short.body, /value="short@example\.org"/);
      const invalid = await client.post('/accounts/signup/', { email: 'not an address', password: PASSWORD });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /Please enter a valid email address\./);
      await createUser(h.deps, { email: 'taken@example.org', password: PASSWORD, isSuperuser: false });
      const taken = await client.post('/accounts/signup/', { email: 'Taken@example.org', password: PASSWORD });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /An account with this email address already exists\./);
      assert.equal(await findUserByEmail(h.deps.store.db, 'short@example.org'), undefined);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
    });

    test('logs in with the right password, and goes to the projects page', async () => {
      await createUser(h.deps, { email: 'alice@example.org', password: PASSWORD, isSuperuser: false });
      const client = clientFrom(h.app);
      const page = await client.get('/accounts/login/');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<label for="login-password">Password<\/label>/);
      assert.match(page.body, /href="\/accounts\/signup\/"/);
      const res = await client.post('/accounts/login/', { email: ' Alice@Example.org ', password: PASSWORD });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/projects/');
      assert.equal((await client.get('/accounts/profile/')).statusCode, 200);
      // a logged-in visitor of the login page goes on
      assert.equal((await client.get('/accounts/login/')).headers.location, '/projects/');
    });

    test('a wrong password and an unknown address get the same message', async () => {
      await createUser(h.deps, { email: 'bob@example.org', password: PASSWORD, isSuperuser: false });
      const client = clientFrom(h.app);
      const wrong = await logInThroughForm(client, 'bob@example.org', 'not the password');
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Incorrect email or password\./);
      assert.match(wrong.body, /value="bob@example\.org"/);
      const unknown = await client.post('/accounts/login/', { email: 'nobody@example.org', password: PASSWORD });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /Incorrect email or password\./);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
    });

    test('a superuser made by the command line logs in through the form', async () => {
      await createUser(h.deps, { email: 'root@example.org', password: PASSWORD, isSuperuser: true });
      const res = await logInThroughForm(clientFrom(h.app), 'root@example.org', PASSWORD);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/projects/');
    });

    test('`next` is followed to a path of this site, and ignored when it points elsewhere', async () => {
      await createUser(h.deps, { email: 'carol@example.org', password: PASSWORD, isSuperuser: false });
      const ok = await logInThroughForm(clientFrom(h.app), 'carol@example.org', PASSWORD, '/projects/abc/checks/?tag=x');
      assert.equal(ok.headers.location, '/projects/abc/checks/?tag=x');
      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'evil.example', '/%0d%0a\r\nx']) {
        const client = clientFrom(h.app);
        const page = await client.get(`/accounts/login/?next=${encodeURIComponent(next)}`);
        assert.doesNotMatch(page.body, /name="next"/, next);
        const res = await client.post(`/accounts/login/?next=${encodeURIComponent(next)}`, {
          email: 'carol@example.org',
          password: PASSWORD,
          next,
        });
        assert.equal(res.headers.location, '/projects/', next);
      }
      // the login redirect of a protected page comes back to it
      const anonymous = await h.app.inject({ url: '/accounts/profile/' });
      assert.equal(anonymous.headers.location, '/accounts/login/?next=%2Faccounts%2Fprofile%2F');
      const client = clientFrom(h.app);
      const page = await client.get(anonymous.headers.location);
      assert.match(page.body, /<input type="hidden" name="next" value="\/accounts\/profile\/" \/>/);
      const res = await client.post('/accounts/login/', {
        email: 'carol@example.org',
        password: PASSWORD,
        next: '/accounts/profile/',
      });
      assert.equal(res.headers.location, '/accounts/profile/');
    });

    test('twenty password attempts a day per account, whatever the address they come from', async () => {
      await createUser(h.deps, { email: 'dave@example.org', password: PASSWORD, isSuperuser: false });
      for (let i = 0; i < 20; i++) {
        const res = await logInThroughForm(clientFrom(h.app), 'Dave@example.org', `wrong ${i}`);
        assert.equal(res.statusCode, 400, `attempt ${i + 1}`);
      }
      const refused = await logInThroughForm(clientFrom(h.app), 'dave@example.org', PASSWORD);
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /Too many attempts, please try again later\./);
      // refilled linearly: 1/20 of a day (72 minutes) buys one more attempt
      h.clock.advance(HOUR_MS);
      assert.equal((await logInThroughForm(clientFrom(h.app), 'dave@example.org', PASSWORD)).statusCode, 429);
      h.clock.advance(15 * 60_000);
      assert.equal((await logInThroughForm(clientFrom(h.app), 'dave@example.org', PASSWORD)).statusCode, 303);
    });

    test('twenty signups and logins an hour per client address', async () => {
      const ip = nextIp();
      for (let i = 0; i < 20; i++) {
        const res = await logInThroughForm(clientFrom(h.app, ip), `someone${i}@example.org`, PASSWORD);
        assert.equal(res.statusCode, 400, `attempt ${i + 1}`);
      }
      const client = clientFrom(h.app, ip);
      await client.get('/accounts/signup/');
      const signup = await client.post('/accounts/signup/', { email: 'eve@example.org', password: PASSWORD });
      assert.equal(signup.statusCode, 429);
      assert.match(signup.body, /Too many attempts, please try again later\./);
      assert.equal(await findUserByEmail(h.deps.store.db, 'eve@example.org'), undefined);
      assert.equal((await logInThroughForm(clientFrom(h.app, ip), 'x@example.org', PASSWORD)).statusCode, 429);
      // another address is not affected
      assert.equal((await logInThroughForm(clientFrom(h.app), 'x@example.org', PASSWORD)).statusCode, 400);
      h.clock.advance(HOUR_MS);
      assert.equal((await logInThroughForm(clientFrom(h.app, ip), 'x@example.org', PASSWORD)).statusCode, 400);
    });

    test('logging out ends the session and clears the cookie', async () => {
      const client = await loggedInClient(h.deps, h.app, 'frank@example.org');
      const cookie = client.cookies.get(SESSION_COOKIE)!;
      await client.get('/accounts/profile/');
      const res = await client.post('/accounts/logout/');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accounts/login/');
      assert.match(setCookieLine(res, SESSION_COOKIE) ?? '', /Expires=Thu, 01 Jan 1970/);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
      const login = await client.get('/accounts/login/');
      assert.match(login.body, /You are logged out\./);
      const stale = await h.app.inject({ url: '/accounts/profile/', headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
      assert.equal(stale.statusCode, 303);
    });

    test('every account form refuses a post without the CSRF token', async () => {
      const client = await loggedInClient(h.deps, h.app, 'grace@example.org');
      await client.get('/accounts/profile/');
      const token = 'A'.repeat(43);
      const posts = [
        '/accounts/signup/',
        '/accounts/login/',
        '/accounts/login/link/',
        `/accounts/check_token/${token}/`,
        '/accounts/logout/',
        '/accounts/profile/password/',
        '/accounts/profile/email/',
        '/accounts/profile/theme/',
        '/accounts/profile/notifications/',
        '/accounts/profile/close/',
        `/accounts/change_email/${token}/`,
      ];
      for (const url of posts) {
        const res = await client.post(url, { _csrf: '', email: 'grace@example.org', password: PASSWORD, theme: 'dark' });
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /The form expired or did not come from this site/, url);
        const fresh = await webClient(h.app).post(url, { email: 'grace@example.org' });
        assert.equal(fresh.statusCode, 403, `${url} (no CSRF cookie)`);
      }
      assert.ok(await findUserByEmail(h.deps.store.db, 'grace@example.org'), 'the account is still there');
      assert.equal((await client.get('/accounts/profile/')).statusCode, 200, 'still logged in');
    });
  });

  describe(`accounts: closed registration, https sub-path (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect, { REGISTRATION_OPEN: 'False', SITE_ROOT: 'https://watch.example.org/hc' });
    });
    after(() => h.close());

    test('sign-up is not found when registration is closed, and the login page does not offer it', async () => {
      const client = clientFrom(h.app);
      assert.equal((await client.get('/hc/accounts/signup/')).statusCode, 404);
      const login = await client.get('/hc/accounts/login/');
      assert.equal(login.statusCode, 200);
      assert.doesNotMatch(login.body, /signup/);
      assert.equal((await client.post('/hc/accounts/signup/', { email: 'x@example.org', password: PASSWORD })).statusCode, 404);
      assert.equal(await findUserByEmail(h.deps.store.db, 'x@example.org'), undefined);
    });

    test('the session cookie is Secure over https and scoped to the sub-path', async () => {
      await createUser(h.deps, { email: 'alice@example.org', password: PASSWORD, isSuperuser: false });
      const client = clientFrom(h.app);
      await client.get('/hc/accounts/login/');
      const res = await client.post('/hc/accounts/login/', { email: 'alice@example.org', password: PASSWORD });
      assert.equal(res.headers.location, '/hc/projects/');
      const line = setCookieLine(res, SESSION_COOKIE) ?? '';
      assert.match(line, /; Secure/);
      assert.match(line, /; Path=\/hc/);
      assert.match(line, /; HttpOnly/);
      assert.match(line, /; SameSite=Lax/);
    });
  });
}
