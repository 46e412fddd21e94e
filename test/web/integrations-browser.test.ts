import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import type { Browser, BrowserContext } from 'playwright-core';
import { createProject } from '../../src/accounts/create-project.js';
import { createUser } from '../../src/accounts/create-user.js';
import { startSession } from '../../src/accounts/sessions.js';
import { cookieSecret, SESSION_COOKIE } from '../../src/web/web-plugin.js';
import { launchBrowser, screenshot, withBrowser } from '../support/browser.js';
import { testDialects } from '../support/databases.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

for (const dialect of testDialects()) {
  describe(`integrations in a browser (${dialect})`, withBrowser, () => {
    let server: WebServer;
    let recorder: RecordingServer;
    let browser: Browser;
    before(async () => {
      recorder = await startRecordingServer();
      // the web server allows private addresses: the recording server listens on 127.0.0.1
      server = await startWebServer(dialect, { SITE_NAME: 'Mychecks' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await server.close();
      await recorder.close();
    });

    /** A browser window already logged in (the login pages have their own tests). */
    async function loggedIn(email: string): Promise<BrowserContext> {
      const deps = server.running.deps;
      const user = await createUser(deps, { email, password: 'correct horse battery', isSuperuser: false });
      const { token } = await startSession(deps, user.id);
      const context = await browser.newContext();
      const value = encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey)));
      await context.addCookies([{ name: SESSION_COOKIE, value, url: server.url }]);
      return context;
    }

    test('adds a webhook integration and presses "Test": the hook is called and the page says so', async () => {
      const context = await loggedIn('owner@example.org');
      const { project } = await createProject(server.running.deps, { name: 'Nightly jobs', ownerEmail: 'owner@example.org' });
      const page = await context.newPage();
      await page.goto(`${server.url}/projects/${project.id}/integrations/`);
      await page.getByRole('link', { name: 'Add integration' }).click();
      await page.waitForURL(/\/add\/$/);
      await screenshot(page, 'integrations-add');
      await page.getByRole('link', { name: 'Add Webhook integration' }).click();
      await page.waitForURL(/\/add\/webhook\/$/);

      const down = page.getByRole('group', { name: 'When a check goes down' });
      await down.getByLabel('Request method').selectOption('POST');
      await down.getByLabel('URL', { exact: true }).fill(`${recorder.url}/hooks/$STATUS`);
      await down.getByLabel('Request body').fill('$NAME is $STATUS');
      await down.getByLabel('Request headers').fill('X-Origin: watchpost');
      await page.getByLabel('Name (optional)').fill('Ops hook');
      await screenshot(page, 'integrations-add-webhook');
      await page.getByRole('button', { name: 'Save integration' }).click();

      await page.waitForURL(/\/integrations\/$/);
      assert.equal(await page.getByRole('status').textContent(), 'Webhook integration added.');
      await page.getByRole('button', { name: 'Send a test notification to Ops hook' }).click();
      await page.getByRole('status').filter({ hasText: 'Test notification sent!' }).waitFor();

      const [request] = await recorder.waitFor(1);
      assert.equal(request!.method, 'POST');
      assert.equal(request!.url, '/hooks/down');
      assert.equal(request!.body, 'TEST is down');
      assert.equal(request!.headers['x-origin'], 'watchpost');
      assert.equal(await page.locator('.integrations .delivered').textContent(), 'Delivered');
      await screenshot(page, 'integrations-list');
      await context.close();
    });
  });
}
