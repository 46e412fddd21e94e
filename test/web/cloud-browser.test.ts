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
import { startWebServer, type WebServer } from '../support/web-server.js';
import { closedPort, cloudApi } from './cloud-support.js';

for (const dialect of testDialects()) {
  describe(`Cloud pages in a browser (${dialect})`, withBrowser, () => {
    let server: WebServer;
    let browser: Browser;
    before(async () => {
      server = await startWebServer(dialect, { SITE_NAME: 'Mychecks' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** A browser window logged in as a new user (the login pages have their own tests). */
    async function loggedIn(email: string): Promise<BrowserContext> {
      const deps = server.running.deps;
      const user = await createUser(deps, { email, password: 'correct horse battery', isSuperuser: false });
      const { token } = await startSession(deps, user.id);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const value = encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey)));
      await context.addCookies([{ name: SESSION_COOKIE, value, url: server.url }]);
      return context;
    }

    test('a probe that fails shows up on the core instance page without a reload; "Probe again" asks for another', async () => {
      const deps = server.running.deps;
      const page = await (await loggedIn('owner@example.org')).newPage();
      const { project } = await createProject(deps, { name: 'Edge fleet', ownerEmail: 'owner@example.org' });
      const { project: empty } = await createProject(deps, { name: 'Nothing yet', ownerEmail: 'owner@example.org' });

      await page.goto(`${server.url}/projects/${empty.id}/cloud/`);
      await page.getByText('This project has no core instances yet.').waitFor();
      await screenshot(page, `cloud-empty-${dialect}`);

      // what a core instance does: register, ping, and ask for a TCP check; a script adds a pipeline
      const api = cloudApi(server.url, project.api_key);
      const core = await api.coreInstance({ name: 'edge-1', version: 'v2.1.0', tags: ['prod'] });
      await api.ping(core);
      const check = await api.check(core, { protocol: 'tcp', host: '127.0.0.1', port: await closedPort(), retries: 0 });
      const pipeline = await api.pipeline(core, { name: 'forwarder' });
      await api.port(pipeline, { protocol: 'tcp', frontendPort: 24224, backendPort: 24224, endpoint: '' });
      await api.pipelineCheck(pipeline, { protocol: 'tcp', host: 'search.example.com', port: 9200 });

      await page.goto(`${server.url}/projects/${project.id}/cloud/`);
      const row = page.locator(`tr[data-key="${core}"]`);
      await row.getByText('Running', { exact: true }).waitFor();
      await screenshot(page, `cloud-list-${dialect}`);

      await row.getByRole('link', { name: 'edge-1' }).click();
      await page.waitForURL(`${server.url}/projects/${project.id}/cloud/${core}/`);
      await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
      // the server's own prober fails the checks, one added while the page is open; the page's
      // script brings both in
      const later = await api.check(core, { protocol: 'tcp', host: '127.0.0.1', port: await closedPort(), retries: 0 });
      for (const id of [check, later]) {
        const row = page.locator(`tr[data-key="check-${id}"]`);
        await row.getByText('Connection refused').waitFor({ timeout: 20_000 });
        assert.match(await row.innerText(), /Failed/);
      }
      assert.equal(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument), true, 'no reload');
      const checkRow = page.locator(`tr[data-key="check-${check}"]`);
      await page.getByText('Pending').waitFor();
      await page.locator('.cloud-flips tr', { hasText: 'Connection refused' }).nth(1).waitFor({ timeout: 10_000 });
      await screenshot(page, `cloud-core-instance-${dialect}`);

      await checkRow.getByRole('button', { name: /again/ }).click();
      await page.getByText('Mychecks will probe the check again in a moment.').waitFor();
      assert.equal(page.url(), `${server.url}/projects/${project.id}/cloud/${core}/`);
      await screenshot(page, `cloud-probe-again-${dialect}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `cloud-core-instance-phone-${dialect}`);
    });
  });
}
