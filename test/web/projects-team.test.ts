import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../src/accounts/create-user.js';
import { verifyPassword } from '../../src/accounts/password.js';
import { tryConsumeToken } from '../../src/store/token-buckets.js';
import { listMembers } from '../../src/store/team.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { webClient, type WebClient } from '../support/web-client.js';
import { makePersonas, makeTeamProject, type Persona, type Personas } from './projects-personas.js';

const DAY = 86_400_000;

/** Every form of the team page, with a valid body for a project whose member is `memberId`. */
const FORMS = (code: string, memberId: number): [string, Record<string, string>][] => [
  [`/projects/${code}/team/invite/`, { email: 'someone@example.org', role: 'w' }],
  [`/projects/${code}/team/role/`, { user: String(memberId), role: 'm' }],
  [`/projects/${code}/team/remove/`, { user: String(memberId) }],
  [`/projects/${code}/team/leave/`, {}],
  [`/projects/${code}/rename/`, { name: 'Renamed' }],
  [`/projects/${code}/transfer/`, { user: String(memberId) }],
  [`/projects/${code}/remove/`, { confirm_name: 'Backups' }],
];

const projectForms = (body: string) => [...body.matchAll(/<form method="post" action="\/projects\/[^"]+"/g)].length;

async function roleOf(h: Harness, projectId: number, userId: number) {
  return (await listMembers(h.deps.store.db, projectId)).find((m) => m.userId === userId)?.role;
}

for (const dialect of testDialects()) {
  describe(`project team (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let smtp: SmtpSink;
    before(async () => {
      smtp = await startSmtpSink();
      h = await makeHarness(dialect, {
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        EMAIL_USE_TLS: 'False',
        SITE_ROOT: 'http://watchpost.test',
        SITE_NAME: 'Mychecks',
      });
      p = await makePersonas(h);
    });
    after(async () => {
      await h.close();
      await smtp.close();
    });

    test('every member sees the team with roles; an outsider gets 404, an anonymous visitor the login page', async () => {
      const { code } = await makeTeamProject(h, p);
      for (const persona of [p.owner, p.manager, p.member, p.readonly, p.superuser]) {
        const res = await persona.get(`/projects/${code}/team/`);
        assert.equal(res.statusCode, 200, persona.email);
        assert.match(res.body, /owner@example.org[\s\S]*Owner/);
        assert.match(res.body, /readonly@example.org/);
      }
      assert.equal((await p.outsider.get(`/projects/${code}/team/`)).statusCode, 404);
      assert.equal((await p.outsider.get(`/projects/00000000-0000-4000-8000-000000000000/team/`)).statusCode, 404);
      assert.equal((await webClient(h.app).get(`/projects/${code}/team/`)).statusCode, 303);
    });

    test('each role is offered only the forms it may use', async () => {
      const { code } = await makeTeamProject(h, p);
      const owner = (await p.owner.get(`/projects/${code}/team/`)).body;
      for (const text of ['Send invitation', 'Transfer ownership to', 'Delete project', 'Rename', '>Remove<'])
        assert.ok(owner.includes(text), text);
      assert.doesNotMatch(owner, /Leave project/);
      const manager = (await p.manager.get(`/projects/${code}/team/`)).body;
      assert.match(manager, /Send invitation[\s\S]*Leave project/);
      assert.doesNotMatch(manager, /Delete project|Transfer ownership/);
      const member = (await p.member.get(`/projects/${code}/team/`)).body;
      assert.match(member, /Rename[\s\S]*Leave project/);
      assert.doesNotMatch(member, /Send invitation|>Remove</);
      const readonly = (await p.readonly.get(`/projects/${code}/team/`)).body;
      assert.match(readonly, /read-only access/);
      assert.equal(projectForms(readonly), 1, 'only "Leave project"');
      const superuser = (await p.superuser.get(`/projects/${code}/team/`)).body;
      assert.match(superuser, /Send invitation[\s\S]*Delete project/);
    });

    test('every form rejects a missing CSRF token, a read-only member and an outsider', async () => {
      const { code, id } = await makeTeamProject(h, p);
      for (const [url, form] of FORMS(code, p.member.userId)) {
        await p.owner.get(`/projects/${code}/team/`);
        assert.equal((await p.owner.post(url, { ...form, _csrf: '' })).statusCode, 403, `csrf ${url}`);
        await p.outsider.get('/projects/');
        assert.equal((await p.outsider.post(url, form)).statusCode, 404, `outsider ${url}`);
        if (url.endsWith('/leave/')) continue; // leaving changes only one's own access
        await p.readonly.get(`/projects/${code}/team/`);
        assert.equal((await p.readonly.post(url, form)).statusCode, 403, `read-only ${url}`);
      }
      assert.equal((await listMembers(h.deps.store.db, id)).length, 3, 'nothing changed');
    });

    test('inviting a new address creates the user, adds them, and emails a one-time link that logs them in', async () => {
      const { code, id } = await makeTeamProject(h, p);
      const before = smtp.messages.length;
      await p.owner.get(`/projects/${code}/team/`);
      const res = await p.owner.post(`/projects/${code}/team/invite/`, { email: ' Newbie@Example.org ', role: 'r' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/projects/${code}/team/`);
      assert.match((await p.owner.get(`/projects/${code}/team/`)).body, /Invited newbie@example.org/);

      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      assert.deepEqual(mail!.rcptTo, ['newbie@example.org']);
      assert.equal(mail!.parsed.subject, 'You are invited to join Backups on Mychecks');
      const text = mail!.parsed.text ?? '';
      assert.match(text, /owner@example.org invited you to the project "Backups" on Mychecks, as a read-only\./);
      assert.match(text, /expires in 7 days/);
      assert.match(String(mail!.parsed.html), /<a href="http:\/\/watchpost.test\/accounts\/accept_invite\//);
      const link = /http:\/\/watchpost\.test(\/accounts\/accept_invite\/[A-Za-z0-9_-]+\/\?project=[0-9a-f-]+)/.exec(text)?.[1];
      assert.ok(link, text);

      const user = await h.deps.store.db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('email', '=', 'newbie@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(await verifyPassword('', user.password_hash), false);
      assert.equal(await roleOf(h, id, Number(user.id)), 'r');

      const browser = webClient(h.app);
      const confirm = await browser.get(link);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /sent to <strong>newbie@example.org<\/strong>/);
      const accepted = await browser.post(link);
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, `/projects/${code}/checks/`);
      const team = await browser.get(`/projects/${code}/team/`);
      assert.equal(team.statusCode, 200);
      assert.match(team.body, /newbie@example.org <span class="hint">\(you\)<\/span>/);
      assert.match(team.body, /read-only access/);

      const again = webClient(h.app);
      assert.equal((await again.get(link)).statusCode, 400);
    });

    test('an invitation link expires after 7 days, and a made-up one is refused', async () => {
      const { code } = await makeTeamProject(h, p);
      const before = smtp.messages.length;
      await p.manager.get(`/projects/${code}/team/`);
      await p.manager.post(`/projects/${code}/team/invite/`, { email: 'late@example.org', role: 'w' });
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      const link = /http:\/\/watchpost\.test(\/accounts\/accept_invite\/\S+)/.exec(mail!.parsed.text ?? '')![1]!;
      const browser = webClient(h.app);
      assert.equal((await browser.get(link)).statusCode, 200);
      h.clock.advance(7 * DAY + 1);
      try {
        assert.equal((await browser.post(link)).statusCode, 400);
        assert.equal((await browser.get('/accounts/accept_invite/not-a-token/')).statusCode, 400);
      } finally {
        h.clock.advance(-(7 * DAY + 1));
      }
    });

    test('a manager invites an existing user; inviting a member again sends nothing', async () => {
      const { code, id } = await makeTeamProject(h, p);
      const pat = await createUser(h.deps, { email: 'pat@example.org', password: 'long enough pass', isSuperuser: false });
      const before = smtp.messages.length;
      await p.manager.get(`/projects/${code}/team/`);
      assert.equal(
        (await p.manager.post(`/projects/${code}/team/invite/`, { email: 'pat@example.org', role: 'm' })).statusCode,
        303,
      );
      await smtp.waitFor(before + 1);
      assert.equal(await roleOf(h, id, pat.id), 'm');
      for (const email of ['pat@example.org', 'member@example.org', 'owner@example.org']) {
        await p.manager.post(`/projects/${code}/team/invite/`, { email, role: 'r' });
        assert.match((await p.manager.get(`/projects/${code}/team/`)).body, new RegExp(`${email} is already on the team`));
      }
      assert.equal(await roleOf(h, id, pat.id), 'm');
      assert.equal(smtp.messages.length, before + 1);
    });

    test('an invitation needs a valid address and role, and comes from the owner or a manager', async () => {
      const { code } = await makeTeamProject(h, p);
      await p.owner.get(`/projects/${code}/team/`);
      assert.equal((await p.owner.post(`/projects/${code}/team/invite/`, { email: 'not an email', role: 'w' })).statusCode, 400);
      assert.equal(
        (await p.owner.post(`/projects/${code}/team/invite/`, { email: 'x@example.org', role: 'owner' })).statusCode,
        400,
      );
      await p.member.get(`/projects/${code}/team/`);
      assert.equal(
        (await p.member.post(`/projects/${code}/team/invite/`, { email: 'x@example.org', role: 'w' })).statusCode,
        403,
      );
    });

    test('a user may send 20 invitations a day', async () => {
      const { code } = await makeTeamProject(h, p);
      const key = `invite-${p.superuser.userId}`;
      for (let i = 0; i < 20; i++) assert.ok(await tryConsumeToken(h.deps.store, key, 20, DAY, h.clock.now()));
      await p.superuser.get(`/projects/${code}/team/`);
      const res = await p.superuser.post(`/projects/${code}/team/invite/`, { email: 'one-too-many@example.org', role: 'w' });
      assert.equal(res.statusCode, 429);
      assert.match(res.body, /Too many invitations/);
    });

    test('the owner or a manager changes roles and removes members; the owner stays', async () => {
      const { code, id } = await makeTeamProject(h, p);
      await p.manager.get(`/projects/${code}/team/`);
      const changed = await p.manager.post(`/projects/${code}/team/role/`, { user: String(p.member.userId), role: 'r' });
      assert.equal(changed.statusCode, 303);
      assert.equal(await roleOf(h, id, p.member.userId), 'r');
      assert.equal(
        (await p.manager.post(`/projects/${code}/team/role/`, { user: String(p.owner.userId), role: 'r' })).statusCode,
        400,
      );
      assert.equal((await p.manager.post(`/projects/${code}/team/role/`, { user: 'x', role: 'r' })).statusCode, 400);

      await p.owner.get(`/projects/${code}/team/`);
      assert.equal((await p.owner.post(`/projects/${code}/team/remove/`, { user: String(p.readonly.userId) })).statusCode, 303);
      assert.equal(await roleOf(h, id, p.readonly.userId), undefined);
      assert.equal((await p.readonly.get(`/projects/${code}/team/`)).statusCode, 404);
      assert.equal((await p.owner.post(`/projects/${code}/team/remove/`, { user: String(p.owner.userId) })).statusCode, 400);
    });

    test('a member leaves on their own; the owner cannot', async () => {
      const { code } = await makeTeamProject(h, p);
      const leave = async (persona: Persona | WebClient) => {
        await persona.get(`/projects/${code}/team/`);
        return persona.post(`/projects/${code}/team/leave/`);
      };
      const left = await leave(p.readonly);
      assert.equal(left.statusCode, 303);
      assert.equal(left.headers.location, '/projects/');
      assert.match((await p.readonly.get('/projects/')).body, /You left Backups/);
      assert.equal((await p.readonly.get(`/projects/${code}/team/`)).statusCode, 404);
      assert.equal((await leave(p.owner)).statusCode, 400);
      assert.equal((await leave(p.superuser)).statusCode, 400, 'a superuser who is not a member has nothing to leave');
    });
  });
}
