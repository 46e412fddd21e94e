import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createChannel } from '../../src/alerts/manage-channels.js';
import { testDialects } from '../support/databases.js';
import { makeCheck, type TestProject } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { loggedInClient, webClient, type WebClient } from '../support/web-client.js';
import { addMember, channelsOf, projectOwnedBy } from './integrations-support.js';

for (const dialect of testDialects()) {
  describe(`integrations pages: who may do what (${dialect})`, () => {
    let h: Harness;
    let owner: WebClient;
    let member: WebClient;
    let reader: WebClient;
    let outsider: WebClient;
    let project: TestProject;
    let channelCode: string;
    let base: string;
    let checkCode: string;

    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' });
      owner = await loggedInClient(h.deps, h.app, 'owner@example.org');
      const m = await loggedInClient(h.deps, h.app, 'member@example.org');
      const r = await loggedInClient(h.deps, h.app, 'reader@example.org');
      outsider = await loggedInClient(h.deps, h.app, 'outsider@example.org');
      project = await projectOwnedBy(h.deps, 'owner@example.org');
      await addMember(h.deps, project, m.userId, 'w');
      await addMember(h.deps, project, r.userId, 'r');
      member = m;
      reader = r;
      checkCode = (await makeCheck(h.deps, project, { name: 'nightly' })).code;
      const channel = await createChannel(
        h.deps,
        { projectId: project.projectId, readOnly: false },
        { kind: 'pd', config: { service_key: 'very-secret-key', account: 'ops' } },
      );
      channelCode = channel.id;
      base = `/projects/${project.id}`;
    });
    after(() => h.close());

    const writeForms = (): { url: string; form: Record<string, string> }[] => [
      { url: `${base}/add/slack/`, form: { config: 'https://hooks.slack.com/services/new' } },
      {
        url: `${base}/integrations/${channelCode}/edit/`,
        form: { name: 'renamed', 'config.service_key': '', 'config.account': 'x' },
      },
      { url: `${base}/integrations/${channelCode}/checks/`, form: {} },
      { url: `${base}/integrations/${channelCode}/remove/`, form: {} },
    ];
    const writePages = () => [
      `${base}/add/`,
      `${base}/add/slack/`,
      `${base}/integrations/${channelCode}/edit/`,
      `${base}/integrations/${channelCode}/checks/`,
    ];

    /** The channels and their assignments, to see that nothing changed. */
    const snapshot = async () => ({
      channels: (await channelsOf(h.deps, project)).map((c) => [c.code, c.name, c.value, c.last_notify_at]),
      assignments: (await h.deps.store.db.selectFrom('checks_channels').select(['check_id', 'channel_id']).execute()).length,
    });

    test('an anonymous visitor is sent to the login page', async () => {
      const res = await webClient(h.app).get(`${base}/integrations/`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/accounts/login/?next=${encodeURIComponent(`${base}/integrations/`)}`);
    });

    test('a read-only member sees the list and may send a test notification, but no other action or configuration', async () => {
      const res = await reader.get(`${base}/integrations/`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /PagerDuty/);
      assert.match(res.body, /1 of 1 check/);
      assert.doesNotMatch(res.body, /very-secret-key/);
      for (const action of ['edit/', 'remove/', 'checks/']) assert.ok(!res.body.includes(`${channelCode}/${action}`), action);
      assert.ok(!res.body.includes(`${base}/add/`));
      assert.ok(res.body.includes(`action="${base}/integrations/${channelCode}/test/"`), 'the Test button (spec §9.7)');
      const sent = await reader.post(`${base}/integrations/${channelCode}/test/`, {});
      assert.equal(sent.statusCode, 303);
      const after = await reader.get(`${base}/integrations/`);
      assert.match(
        after.body,
        /Test notification sent!|Could not send a test notification\./,
        'the flash tells how the test went',
      );
    });

    test('a read-only member gets 403 on every form page and every form post, and nothing changes', async () => {
      const before = await snapshot();
      for (const url of writePages()) assert.equal((await reader.get(url)).statusCode, 403, url);
      for (const { url, form } of writeForms()) {
        await reader.get(`${base}/integrations/`);
        const res = await reader.post(url, form);
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /Not allowed/);
      }
      assert.deepEqual(await snapshot(), before);
    });

    test('an outsider gets 404 on the list, every page and every post', async () => {
      const before = await snapshot();
      assert.equal((await outsider.get(`${base}/integrations/`)).statusCode, 404);
      for (const url of writePages()) assert.equal((await outsider.get(url)).statusCode, 404, url);
      for (const { url, form } of writeForms()) {
        await outsider.get('/projects/');
        assert.equal((await outsider.post(url, form)).statusCode, 404, url);
      }
      assert.deepEqual(await snapshot(), before);
    });

    test('every form post without its CSRF token is refused with 403, and nothing changes', async () => {
      const before = await snapshot();
      for (const { url, form } of writeForms()) {
        await owner.get(`${base}/integrations/`);
        const res = await owner.post(url, { ...form, _csrf: '' });
        assert.equal(res.statusCode, 403, url);
      }
      const forged = await owner.post(`${base}/add/slack/`, { config: 'https://hooks.slack.com/x', _csrf: 'forged' });
      assert.equal(forged.statusCode, 403);
      assert.deepEqual(await snapshot(), before);
    });

    test('a read-write member may add, edit, assign and remove', async () => {
      await member.get(`${base}/add/slack/`);
      assert.equal((await member.post(`${base}/add/slack/`, { config: 'https://hooks.slack.com/services/m' })).statusCode, 303);
      const added = (await channelsOf(h.deps, project)).find((c) => c.kind === 'slack')!;
      const edit = `${base}/integrations/${added.code}/edit/`;
      await member.get(edit);
      assert.equal((await member.post(edit, { name: 'team chat', config: '' })).statusCode, 303);
      const assign = `${base}/integrations/${added.code}/checks/`;
      await member.get(assign);
      assert.equal((await member.post(assign, { [`check-${checkCode}`]: 'on' })).statusCode, 303);
      await member.get(`${base}/integrations/`);
      assert.equal((await member.post(`${base}/integrations/${added.code}/remove/`)).statusCode, 303);
      assert.equal(
        (await channelsOf(h.deps, project)).some((c) => c.code === added.code),
        false,
      );
    });
  });

  describe(`integrations pages: kinds switched off (${dialect})`, () => {
    let h: Harness;
    let owner: WebClient;
    let project: TestProject;

    before(async () => {
      h = await makeHarness(dialect, { WEBHOOKS_ENABLED: 'False', SLACK_ENABLED: 'False' });
      owner = await loggedInClient(h.deps, h.app, 'owner@example.org');
      project = await projectOwnedBy(h.deps, 'owner@example.org');
    });
    after(() => h.close());

    test('the add page offers only the kinds the settings enable', async () => {
      const res = await owner.get(`/projects/${project.id}/add/`);
      assert.equal(res.statusCode, 200);
      for (const kind of ['email', 'pd', 'mattermost', 'group']) assert.ok(res.body.includes(`/add/${kind}/`), kind);
      // flags off, off by default, or missing their server-wide credentials
      for (const kind of [
        'webhook',
        'slack',
        'shell',
        'apprise',
        'telegram',
        'po',
        'sms',
        'call',
        'whatsapp',
        'matrix',
        'signal',
        'github',
        'trello',
      ]) {
        assert.ok(!res.body.includes(`/add/${kind}/`), kind);
      }
    });

    test("a switched-off kind's form is not found, and nothing can be added through it", async () => {
      for (const kind of ['webhook', 'slack', 'shell', 'no-such-kind']) {
        assert.equal((await owner.get(`/projects/${project.id}/add/${kind}/`)).statusCode, 404, kind);
      }
      await owner.get(`/projects/${project.id}/add/`);
      const res = await owner.post(`/projects/${project.id}/add/webhook/`, { 'config.url_down': 'https://example.org/' });
      assert.equal(res.statusCode, 404);
      assert.equal((await channelsOf(h.deps, project)).length, 0);
    });

    test('credentials enable their kind', async () => {
      const withTelegram = await makeHarness(dialect, { TELEGRAM_TOKEN: 'bot-token', SHELL_ENABLED: 'True' });
      try {
        const client = await loggedInClient(withTelegram.deps, withTelegram.app, 'owner@example.org');
        const own = await projectOwnedBy(withTelegram.deps, 'owner@example.org');
        const res = await client.get(`/projects/${own.id}/add/`);
        assert.ok(res.body.includes('/add/telegram/'));
        assert.ok(res.body.includes('/add/shell/'));
        assert.equal((await client.get(`/projects/${own.id}/add/telegram/`)).statusCode, 200);
      } finally {
        await withTelegram.close();
      }
    });
  });
}
