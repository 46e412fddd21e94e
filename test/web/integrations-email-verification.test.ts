import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { loggedInClient, type WebClient } from '../support/web-client.js';
import { channelsOf, projectOwnedBy } from './integrations-support.js';
import type { TestProject } from '../support/factories.js';

for (const dialect of testDialects()) {
  describe(`email integrations added on the dashboard are confirmed by their address (${dialect})`, () => {
    let h: Harness;
    let smtp: SmtpSink;
    let owner: WebClient;
    let project: TestProject;
    before(async () => {
      smtp = await startSmtpSink();
      h = await makeHarness(dialect, {
        SITE_ROOT: 'https://hc.example.org',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        EMAIL_USE_TLS: 'False',
      });
      owner = await loggedInClient(h.deps, h.app, 'owner@example.org');
      project = await projectOwnedBy(h.deps, 'owner@example.org');
    });
    after(async () => {
      await h.close();
      await smtp.close();
    });

    const add = async (address: string) => {
      await owner.get(`/projects/${project.id}/add/email/`);
      const res = await owner.post(`/projects/${project.id}/add/email/`, { 'config.value': address, 'config.down': 'on' });
      assert.equal(res.statusCode, 303, res.body);
      return (await channelsOf(h.deps, project)).at(-1)!;
    };

    test("the user's own address is confirmed at once, and no email is sent", async () => {
      const channel = await add('OWNER@example.org');
      assert.equal(channel.email_verified, 1);
      assert.equal(smtp.messages.length, 0);
    });

    test('another address gets a confirmation link; opening it confirms; a forged link does not', async () => {
      const channel = await add('oncall@example.org');
      assert.equal(channel.email_verified, 0);
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.rcptTo, ['oncall@example.org']);
      const link = /https:\/\/hc\.example\.org(\/integrations\/[0-9a-f-]{36}\/verify\/[0-9a-f]+\/)/.exec(
        mail!.parsed.text ?? '',
      )![1]!;
      assert.ok(link.includes(channel.code));
      const forged = await h.app.inject({ url: link.replace(/verify\/[0-9a-f]+/, 'verify/0123456789abcdef0123456789abcdef') });
      assert.equal(forged.statusCode, 400);
      assert.equal((await channelsOf(h.deps, project)).at(-1)!.email_verified, 0);
      const opened = await h.app.inject({ url: link });
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /Email address confirmed/);
      assert.equal((await channelsOf(h.deps, project)).find((c) => c.code === channel.code)!.email_verified, 1);
    });
  });
}
