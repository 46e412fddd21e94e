import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import type { Browser, BrowserContext } from 'playwright-core';
import { createUser } from '../../src/accounts/create-user.js';
import { startSession } from '../../src/accounts/sessions.js';
import { newUuid } from '../../src/lib/ids.js';
import { findProjectByCode } from '../../src/store/projects.js';
import { cookieSecret, SESSION_COOKIE } from '../../src/web/web-plugin.js';
import { launchBrowser, screenshot, withBrowser } from '../support/browser.js';
import { testDialects } from '../support/databases.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

for (const dialect of testDialects()) {
  describe(`projects and teams in a browser (${dialect})`, withBrowser, () => {
    let server: WebServer;
    let smtp: SmtpSink;
    let browser: Browser;
    before(async () => {
      smtp = await startSmtpSink();
      server = await startWebServer(dialect, {
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        EMAIL_USE_TLS: 'False',
        SITE_NAME: 'Mychecks',
      });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await server.close();
      await smtp.close();
    });

    /** A browser window already logged in as a new user (the login pages have their own tests). */
    async function loggedIn(email: string): Promise<BrowserContext> {
      const deps = server.running.deps;
      const user = await createUser(deps, { email, password: 'correct horse battery', isSuperuser: false });
      const { token } = await startSession(deps, user.id);
      const context = await browser.newContext();
      const value = encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey)));
      await context.addCookies([{ name: SESSION_COOKIE, value, url: server.url }]);
      return context;
    }

    test('the owner invites a read-only teammate who joins from the email; an outsider gets 404', async () => {
      const owner = await (await loggedIn('owner@example.org')).newPage();
      await owner.goto(`${server.url}/projects/`);
      await owner.getByLabel('Project name').fill('Nightly jobs');
      await owner.getByRole('button', { name: 'Create project' }).click();
      await owner.waitForURL(/\/projects\/[0-9a-f-]{36}\/checks\/$/);
      const code = /\/projects\/([0-9a-f-]{36})\/checks\/$/.exec(owner.url())![1]!;

      // one check down, so the overview has something to say
      const project = await findProjectByCode(server.running.deps.store.db, code);
      await server.running.deps.store.db
        .insertInto('checks')
        .values({ code: newUuid(), project_id: project!.id, badge_key: newUuid(), created_at: 0, status: 'down', name: 'db' })
        .execute();
      await owner.goto(`${server.url}/projects/`);
      await owner.getByRole('link', { name: 'Team' }).click();
      await owner.getByLabel('Email address').fill('teammate@example.org');
      await owner.getByLabel('Role', { exact: true }).selectOption({ label: 'Read-only' });
      await owner.getByRole('button', { name: 'Send invitation' }).click();
      await owner.getByText('Invited teammate@example.org').waitFor();
      await screenshot(owner, `projects-team-${dialect}`);

      const [mail] = await smtp.waitFor(1);
      const path = /https?:\/\/[^/\s]+(\/accounts\/accept_invite\/\S+)/.exec(mail!.parsed.text ?? '')![1]!;
      const teammate = await (await browser.newContext()).newPage();
      await teammate.goto(`${server.url}${path}`);
      await teammate.getByRole('button', { name: 'Accept and log in' }).click();
      await teammate.waitForURL(`${server.url}/projects/${code}/checks/`);
      await teammate.goto(`${server.url}/projects/`);
      const card = teammate.locator(`[data-project="${code}"]`);
      await card.getByText('Nightly jobs').waitFor();
      assert.match(await card.innerText(), /1 of 1 check down[\s\S]*Read-only[\s\S]*owner@example.org/);
      await screenshot(teammate, `projects-overview-${dialect}`);
      await teammate.goto(`${server.url}/projects/${code}/team/`);
      assert.match(await teammate.locator('main').innerText(), /read-only access/);
      assert.equal(await teammate.getByRole('button', { name: 'Send invitation' }).count(), 0);

      const outsider = await (await loggedIn('outsider@example.org')).newPage();
      const res = await outsider.goto(`${server.url}/projects/${code}/team/`);
      assert.equal(res?.status(), 404);
      await screenshot(outsider, `projects-outsider-404-${dialect}`);
      await outsider.goto(`${server.url}/projects/`);
      assert.equal(await outsider.locator(`[data-project="${code}"]`).count(), 0);
    });
  });
}
