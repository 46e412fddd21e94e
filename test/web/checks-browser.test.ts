import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import type { Browser, BrowserContext } from 'playwright-core';
import { createProject } from '../../src/accounts/create-project.js';
import { createUser } from '../../src/accounts/create-user.js';
import { startSession } from '../../src/accounts/sessions.js';
import { newUuid } from '../../src/lib/ids.js';
import { findProjectByCode } from '../../src/store/projects.js';
import { cookieSecret, SESSION_COOKIE } from '../../src/web/web-plugin.js';
import { launchBrowser, screenshot, withBrowser } from '../support/browser.js';
import { testDialects } from '../support/databases.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

for (const dialect of testDialects()) {
  describe(`checks pages in a browser (${dialect})`, withBrowser, () => {
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
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const value = encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey)));
      await context.addCookies([{ name: SESSION_COOKIE, value, url: server.url }]);
      return context;
    }

    test('a ping sent to the copied URL turns the row up without a reload; the details page shows it', async () => {
      const deps = server.running.deps;
      const page = await (await loggedIn('owner@example.org')).newPage();
      const { project } = await createProject(deps, { name: 'Nightly jobs', ownerEmail: 'owner@example.org' });
      const projectId = (await findProjectByCode(deps.store.db, project.id))!.id;
      const now = deps.clock.now();
      for (const [name, fields] of [
        ['db backup', { status: 'up', last_ping_at: now - 240_000, tags: 'prod db' }],
        ['cert renewal', { status: 'down', last_ping_at: now - 3 * 86_400_000, tags: 'prod' }],
        ['report mailer', { kind: 'cron', schedule: '0 6 * * 1-5', tz: 'Europe/Riga', tags: 'reports' }],
      ] as const) {
        await deps.store.db
          .insertInto('checks')
          .values({ code: newUuid(), project_id: projectId, badge_key: newUuid(), created_at: now, name, ...fields })
          .execute();
      }

      await page.goto(`${server.url}/projects/${project.id}/checks/`);
      await page.getByRole('button', { name: 'Add check' }).click();
      await page.waitForURL(/\/checks\/[0-9a-f-]{36}\/$/);
      const code = /\/checks\/([0-9a-f-]{36})\/$/.exec(page.url())![1]!;
      await page.getByLabel('Name', { exact: true }).fill('queue worker');
      await page.getByLabel('Tags', { exact: true }).fill('prod workers');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Name, tags and description saved.').waitFor();

      await page.getByRole('link', { name: 'Checks', exact: true }).first().click();
      const row = page.locator(`tr[data-code="${code}"]`);
      await row.getByRole('img', { name: 'New' }).waitFor();
      await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
      await row.getByRole('button', { name: /Copy the ping URL/ }).click();
      await row
        .getByRole('button', { name: /Copy the ping URL/ })
        .getByText('Copied!')
        .waitFor();
      // The test's tsconfig has no DOM types: the page's clipboard, as the page sees it.
      type InPage = { navigator: { clipboard: { readText(): Promise<string> } }; sameDocument?: boolean };
      const copied = await page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText());
      // SITE_ROOT is the default http://localhost:8000, the server listens on a free port.
      assert.equal(copied, `http://localhost:8000/ping/${code}`);
      await screenshot(page, `checks-list-before-ping-${dialect}`);

      const ping = await fetch(`${server.url}${new URL(copied).pathname}`, { method: 'POST', body: 'queue drained' });
      assert.equal(ping.status, 200);
      await row.getByRole('img', { name: 'Up' }).waitFor({ timeout: 15_000 });
      assert.equal(await page.evaluate(() => (globalThis as unknown as InPage).sameDocument), true, 'no reload');
      assert.match(await row.innerText(), /just now|second/);
      await screenshot(page, `checks-list-${dialect}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `checks-list-phone-${dialect}`);
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByLabel('Search').fill('worker');
      await page.getByRole('button', { name: 'Apply' }).click();
      assert.equal(await page.locator('tr[data-code]').count(), 1);

      await row.getByRole('link', { name: 'queue worker' }).click();
      await page.getByText('This check is up.').waitFor();
      const log = page.locator('.event-log');
      await log.getByRole('link', { name: 'Success' }).waitFor();
      await page.getByLabel('Cron', { exact: true }).check();
      await page.getByLabel('Cron expression').fill('*/15 * * * *');
      await page.locator('[data-schedule-preview] li').first().waitFor();
      assert.equal(await page.locator('[data-schedule-preview] li').count(), 5);
      await screenshot(page, `check-details-${dialect}`);

      await log.getByRole('link', { name: 'Success' }).click();
      await page.getByText('queue drained').waitFor();
      await screenshot(page, `check-ping-${dialect}`);
    });
  });
}
