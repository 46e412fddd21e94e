import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../support/databases.js';
import { makeCheck, type TestProject } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { loggedInClient, type WebClient } from '../support/web-client.js';
import type { Check } from '../../src/domain/check.js';
import { assignedCheckIds, channelsOf, flashOf, projectOwnedBy } from './integrations-support.js';

for (const dialect of testDialects()) {
  describe(`integrations pages (${dialect})`, () => {
    let h: Harness;
    let owner: WebClient;
    let project: TestProject;
    let checks: Check[];
    let recorder: RecordingServer;
    let base: string;

    before(async () => {
      h = await makeHarness(dialect, { SITE_NAME: 'Mychecks', INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' });
      owner = await loggedInClient(h.deps, h.app, 'owner@example.org');
      project = await projectOwnedBy(h.deps, 'owner@example.org');
      checks = [
        await makeCheck(h.deps, project, { name: 'nightly backup' }),
        await makeCheck(h.deps, project, { name: 'db dump' }),
      ];
      recorder = await startRecordingServer();
      base = `/projects/${project.id}`;
    });
    after(async () => {
      await recorder.close();
      await h.close();
    });

    /** Adds an integration through its form and answers the new channel row. */
    async function addThroughForm(kind: string, form: Record<string, string>) {
      const before = (await channelsOf(h.deps, project)).length;
      const page = await owner.get(`${base}/add/${kind}/`);
      assert.equal(page.statusCode, 200);
      const res = await owner.post(`${base}/add/${kind}/`, form);
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `${base}/integrations/`);
      const rows = await channelsOf(h.deps, project);
      assert.equal(rows.length, before + 1);
      return rows[rows.length - 1]!;
    }

    test('adds an email integration through its form, assigned to every check, and lists it', async () => {
      const page = await owner.get(`${base}/add/email/`);
      assert.match(page.body, /<label for="f-config-value">Email address<\/label>/);
      assert.match(page.body, /name="config.down" checked/);
      const channel = await addThroughForm('email', { 'config.value': 'alice@example.org', 'config.down': 'on' });
      assert.equal(channel.kind, 'email');
      assert.deepEqual(JSON.parse(channel.value), { value: 'alice@example.org', up: false, down: true });
      assert.deepEqual(
        await assignedCheckIds(h.deps, Number(channel.id)),
        checks.map((c) => c.id).sort((a, b) => a - b),
      );

      const list = await owner.get(`${base}/integrations/`);
      assert.equal(list.statusCode, 200);
      // someone else's address waits for its confirmation link (this harness has no SMTP server)
      assert.equal(
        flashOf(list.body),
        'Email integration added, but the confirmation email could not be sent (Email is not configured (EMAIL_HOST is not set)).',
      );
      assert.equal(channel.email_verified, 0);
      assert.match(list.body, /Email to alice@example\.org/);
      assert.match(list.body, /2 of 2 checks/);
      assert.match(list.body, /Never/);
    });

    test('adds a webhook with a request for down and for up, headers given as "Name: value" lines', async () => {
      const channel = await addThroughForm('webhook', {
        name: 'ops hook',
        'config.method_down': 'POST',
        'config.url_down': 'https://hooks.example.org/down?check=$CODE',
        'config.body_down': '{"name": $NAME_JSON}',
        'config.headers_down': 'X-Token: abc\n\nContent-Type: application/json\n',
        'config.method_up': 'GET',
        'config.url_up': 'https://hooks.example.org/up',
        'config.body_up': '',
        'config.headers_up': '',
      });
      assert.equal(channel.name, 'ops hook');
      assert.deepEqual(JSON.parse(channel.value), {
        method_down: 'POST',
        url_down: 'https://hooks.example.org/down?check=$CODE',
        body_down: '{"name": $NAME_JSON}',
        headers_down: { 'X-Token': 'abc', 'Content-Type': 'application/json' },
        method_up: 'GET',
        url_up: 'https://hooks.example.org/up',
        body_up: '',
        headers_up: {},
      });
      assert.match((await owner.get(`${base}/integrations/`)).body, /ops hook/);
    });

    test('adds a Slack integration from its one "Webhook URL" field', async () => {
      const page = await owner.get(`${base}/add/slack/`);
      assert.match(page.body, /<label for="f-config">Webhook URL<\/label>/);
      const channel = await addThroughForm('slack', { config: 'https://hooks.slack.com/services/T0/B0/xyz' });
      assert.equal(channel.kind, 'slack');
      assert.equal(channel.value, 'https://hooks.slack.com/services/T0/B0/xyz');
      assert.match((await owner.get(`${base}/integrations/`)).body, />Slack</);
    });

    test('adds a PagerDuty integration from the fields of its config object', async () => {
      const page = await owner.get(`${base}/add/pd/`);
      assert.match(page.body, /<label for="f-config-service_key">Service key<\/label>/);
      assert.match(page.body, /<label for="f-config-account">Account name<\/label>/);
      const channel = await addThroughForm('pd', { 'config.service_key': 'abcdef0123456789', 'config.account': '' });
      assert.equal(channel.kind, 'pd');
      // without an account, PagerDuty's value is the bare service key
      assert.equal(channel.value, 'abcdef0123456789');
    });

    test('generated forms offer selects for enums and number inputs with their defaults', async () => {
      const opsgenie = await owner.get(`${base}/add/opsgenie/`);
      assert.match(opsgenie.body, /<select id="f-config-region" name="config.region"/);
      assert.match(opsgenie.body, /<option value="us" selected>us<\/option>/);
      const ntfy = await owner.get(`${base}/add/ntfy/`);
      assert.match(ntfy.body, /type="number" id="f-config-priority" name="config.priority"[^>]* value="3"[^>]* step="any"/);
      const channel = await addThroughForm('ntfy', {
        'config.topic': 'backups',
        'config.url': 'https://ntfy.example.org',
        'config.token': '',
        'config.priority': '5',
        'config.priority_up': '0',
      });
      assert.deepEqual(JSON.parse(channel.value), {
        topic: 'backups',
        url: 'https://ntfy.example.org',
        token: null,
        priority: 5,
        priority_up: 0,
      });
    });

    test('a rejected form is shown again with the message beside the field, a 400, and nothing saved', async () => {
      const before = (await channelsOf(h.deps, project)).length;
      await owner.get(`${base}/add/webhook/`);
      const badUrl = await owner.post(`${base}/add/webhook/`, {
        'config.method_down': 'GET',
        'config.url_down': 'not a url',
        'config.headers_down': '',
      });
      assert.equal(badUrl.statusCode, 400);
      assert.match(badUrl.body, /role="alert"/);
      assert.match(badUrl.body, /json validation error: config\.url_down: /);
      assert.match(
        badUrl.body,
        /name="config.url_down" aria-describedby="[^"]*f-config-url_down-error" aria-invalid="true" value="not a url"/,
      );

      const badHeaders = await owner.post(`${base}/add/webhook/`, {
        'config.url_down': 'https://hooks.example.org/',
        'config.headers_down': 'no colon here',
      });
      assert.equal(badHeaders.statusCode, 400);
      assert.match(badHeaders.body, /Use &quot;Header-Name: value&quot; pairs, one per line\./);

      const badEmail = await owner.post(`${base}/add/email/`, { 'config.value': 'nobody', 'config.down': 'on' });
      assert.equal(badEmail.statusCode, 400);
      assert.match(badEmail.body, /json validation error: config\.value: value is not a valid email address/);

      const emptySlack = await owner.post(`${base}/add/slack/`, { config: '' });
      assert.equal(emptySlack.statusCode, 400);
      assert.match(emptySlack.body, /json validation error: config/);

      const longName = await owner.post(`${base}/add/slack/`, { config: 'https://hooks.slack.com/x', name: 'n'.repeat(101) });
      assert.equal(longName.statusCode, 400);
      assert.match(longName.body, /name is too long/);
      assert.equal((await channelsOf(h.deps, project)).length, before);
    });

    test('the edit form never shows a stored secret and keeps it when its field is left empty', async () => {
      const channel = await addThroughForm('pd', { 'config.service_key': 'topsecretkey42', 'config.account': 'first' });
      const url = `${base}/integrations/${channel.code}/edit/`;
      const form = await owner.get(url);
      assert.equal(form.statusCode, 200);
      assert.doesNotMatch(form.body, /topsecretkey42/);
      assert.match(form.body, /leave the field empty to keep it/);
      assert.match(form.body, /name="config.account"[^>]*value="first"/);

      const saved = await owner.post(url, { name: 'Pager', 'config.service_key': '', 'config.account': 'ops' });
      assert.equal(saved.statusCode, 303);
      const [row] = (await channelsOf(h.deps, project)).filter((c) => c.code === channel.code);
      assert.equal(row!.name, 'Pager');
      assert.deepEqual(JSON.parse(row!.value), { service_key: 'topsecretkey42', account: 'ops' });

      await owner.get(url);
      await owner.post(url, { name: 'Pager', 'config.service_key': 'newkey', 'config.account': 'ops' });
      const [changed] = (await channelsOf(h.deps, project)).filter((c) => c.code === channel.code);
      assert.equal((JSON.parse(changed!.value) as { service_key: string }).service_key, 'newkey');
    });

    test('editing a webhook keeps its URLs, bodies and headers unless replaced or removed', async () => {
      const channel = await addThroughForm('webhook', {
        'config.method_down': 'POST',
        'config.url_down': 'https://hooks.example.org/secret-token-down',
        'config.body_down': 'down body',
        'config.headers_down': 'X-Token: hidden-value',
        'config.method_up': 'GET',
        'config.url_up': 'https://hooks.example.org/secret-token-up',
      });
      const url = `${base}/integrations/${channel.code}/edit/`;
      const form = await owner.get(url);
      for (const secret of ['secret-token-down', 'secret-token-up', 'down body', 'hidden-value'])
        assert.doesNotMatch(form.body, new RegExp(secret));
      assert.match(form.body, /<option value="POST" selected>POST<\/option>/);

      const res = await owner.post(url, {
        'config.method_down': 'PUT',
        'config.url_down': '',
        'config.body_down': '',
        'config.headers_down': '',
        'config.method_up': 'GET',
        'config.url_up': '',
        'clear:config.url_up': 'on',
      });
      assert.equal(res.statusCode, 303, res.body);
      const [row] = (await channelsOf(h.deps, project)).filter((c) => c.code === channel.code);
      assert.deepEqual(JSON.parse(row!.value), {
        method_down: 'PUT',
        url_down: 'https://hooks.example.org/secret-token-down',
        body_down: 'down body',
        headers_down: { 'X-Token': 'hidden-value' },
        method_up: 'GET',
        url_up: '',
        body_up: '',
        headers_up: {},
      });
    });

    test('renaming keeps a disabled integration disabled; a changed configuration turns it back on', async () => {
      const channel = await addThroughForm('slack', { config: 'https://hooks.slack.com/services/old' });
      await h.deps.store.db
        .updateTable('channels')
        .set({ disabled: 1, last_error: 'Received status code 404' })
        .where('id', '=', channel.id)
        .execute();
      const list = await owner.get(`${base}/integrations/`);
      assert.match(list.body, /Disabled<\/span>/);

      const url = `${base}/integrations/${channel.code}/edit/`;
      const form = await owner.get(url);
      // a Slack webhook URL is a key to the channel: not shown again either
      assert.doesNotMatch(form.body, /services\/old/);
      assert.equal((await owner.post(url, { name: 'alerts channel', config: '' })).statusCode, 303);
      let [row] = (await channelsOf(h.deps, project)).filter((c) => c.code === channel.code);
      assert.equal(row!.name, 'alerts channel');
      assert.equal(row!.disabled, 1);
      assert.equal(row!.value, 'https://hooks.slack.com/services/old');

      await owner.get(url);
      await owner.post(url, { name: 'alerts channel', config: 'https://hooks.slack.com/services/new' });
      [row] = (await channelsOf(h.deps, project)).filter((c) => c.code === channel.code);
      assert.equal(row!.disabled, 0);
      assert.equal(row!.last_error, '');
      assert.equal(row!.value, 'https://hooks.slack.com/services/new');
    });

    test('the assignment form has a checkbox per check and replaces the assignments', async () => {
      const channel = await addThroughForm('slack', { config: 'https://hooks.slack.com/services/assign' });
      const url = `${base}/integrations/${channel.code}/checks/`;
      const form = await owner.get(url);
      assert.equal(form.statusCode, 200);
      for (const check of checks) assert.match(form.body, new RegExp(`name="check-${check.code}" checked`));
      assert.match(form.body, /<label for="check-[^"]+">db dump/);

      const res = await owner.post(url, { [`check-${checks[0]!.code}`]: 'on' });
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await assignedCheckIds(h.deps, Number(channel.id)), [checks[0]!.id]);
      const list = await owner.get(`${base}/integrations/`);
      assert.equal(flashOf(list.body), 'Saved the checks of the integration.');
      assert.match(list.body, /1 of 2 checks/);

      await owner.get(url);
      await owner.post(url, {});
      assert.deepEqual(await assignedCheckIds(h.deps, Number(channel.id)), []);
      await owner.get(url);
      const unknown = await owner.post(url, { 'check-00000000-0000-4000-8000-000000000000': 'on' });
      assert.equal(unknown.statusCode, 400);
    });

    test('removes an integration after the confirmation', async () => {
      const channel = await addThroughForm('slack', { config: 'https://hooks.slack.com/services/remove-me' });
      const list = await owner.get(`${base}/integrations/`);
      assert.match(
        list.body,
        new RegExp(`action="/projects/${project.id}/integrations/${channel.code}/remove/"[^>]*data-confirm=`),
      );
      const res = await owner.post(`${base}/integrations/${channel.code}/remove/`);
      assert.equal(res.statusCode, 303);
      assert.equal((await channelsOf(h.deps, project)).filter((c) => c.code === channel.code).length, 0);
      assert.equal(flashOf((await owner.get(`${base}/integrations/`)).body), 'Integration removed.');
      await owner.get(`${base}/integrations/`);
      assert.equal((await owner.post(`${base}/integrations/${channel.code}/remove/`)).statusCode, 404);
    });

    test('"Test" sends a test notification and says how it went', async () => {
      const channel = await addThroughForm('webhook', {
        'config.method_down': 'POST',
        'config.url_down': `${recorder.url}/hook/$STATUS`,
        'config.body_down': '$NAME is $STATUS',
      });
      recorder.reply({ status: 200 });
      const sent = recorder.requests.length;
      await owner.get(`${base}/integrations/`);
      const ok = await owner.post(`${base}/integrations/${channel.code}/test/`);
      assert.equal(ok.statusCode, 303);
      const [request] = (await recorder.waitFor(sent + 1)).slice(sent);
      assert.equal(request!.url, '/hook/down');
      assert.equal(request!.body, 'TEST is down');
      let list = await owner.get(`${base}/integrations/`);
      assert.equal(flashOf(list.body), 'Test notification sent!');
      assert.match(list.body, /Delivered/);

      recorder.reply({ status: 500 });
      await owner.post(`${base}/integrations/${channel.code}/test/`);
      list = await owner.get(`${base}/integrations/`);
      assert.equal(flashOf(list.body), 'Could not send a test notification. Received status code 500.');
      assert.match(list.body, /<p class="error">Received status code 500<\/p>/);
    });

    test('a group is made of checkboxes for the other integrations of the project', async () => {
      const email = (await channelsOf(h.deps, project)).find((c) => c.kind === 'email')!;
      const page = await owner.get(`${base}/add/group/`);
      assert.match(page.body, new RegExp(`<input type="checkbox" id="member-${email.code}" name="config" value="${email.code}"`));
      const empty = await owner.post(`${base}/add/group/`, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /config must list at least one channel UUID/);
      const channel = await addThroughForm('group', { config: email.code, name: 'everyone' });
      assert.equal(channel.value, email.code);
      const list = await owner.get(`${base}/integrations/`);
      // groups are listed first (spec §12)
      assert.ok(list.body.indexOf('everyone') < list.body.indexOf('Email to alice@example.org'));
      const edit = await owner.get(`${base}/integrations/${channel.code}/edit/`);
      assert.match(edit.body, new RegExp(`value="${email.code}" checked`));
      assert.doesNotMatch(edit.body, new RegExp(`id="member-${channel.code}"`));
    });

    test('an integration of another project is not found', async () => {
      const other = await projectOwnedBy(h.deps, 'owner@example.org', 'Elsewhere');
      const page = await owner.get(`/projects/${other.id}/add/slack/`);
      await owner.post(`/projects/${other.id}/add/slack/`, { config: 'https://hooks.slack.com/services/other' });
      const [channel] = await channelsOf(h.deps, other);
      assert.equal(page.statusCode, 200);
      await owner.get(`${base}/integrations/`);
      assert.equal((await owner.get(`${base}/integrations/${channel!.code}/edit/`)).statusCode, 404);
      assert.equal((await owner.post(`${base}/integrations/${channel!.code}/test/`)).statusCode, 404);
      assert.equal((await owner.post(`${base}/integrations/${channel!.code}/remove/`)).statusCode, 404);
      assert.equal((await owner.get(`${base}/integrations/${channel!.code}/checks/`)).statusCode, 404);
      assert.equal((await owner.get(`${base}/integrations/not-a-uuid/edit/`)).statusCode, 404);
    });
  });
}
