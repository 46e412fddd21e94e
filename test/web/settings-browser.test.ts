import assert from 'node:assert/strict';
import { createServer } from 'node:net';
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

/** A port free right now: SITE_ROOT must name the real address for badge and ping URLs to load. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

for (const dialect of testDialects()) {
  describe(`settings, badges, TV and docs in a browser (${dialect})`, withBrowser, () => {
    let server: WebServer;
    let browser: Browser;
    let code: string;
    let checkCode: string;
    let readWriteKey: string;

    before(async () => {
      const port = await freePort();
      server = await startWebServer(dialect, {
        SITE_NAME: 'Mychecks',
        PORT: String(port),
        SITE_ROOT: `http://127.0.0.1:${port}`,
      });
      browser = await launchBrowser();
      const deps = server.running.deps;
      await createUser(deps, { email: 'owner@example.org', password: 'correct horse battery', isSuperuser: false });
      const { project: created } = await createProject(deps, { name: 'Nightly jobs', ownerEmail: 'owner@example.org' });
      code = created.id;
      readWriteKey = created.api_key;
      const project = await findProjectByCode(deps.store.db, code);
      checkCode = newUuid();
      await deps.store.db
        .insertInto('checks')
        .values({
          code: checkCode,
          project_id: project!.id,
          badge_key: newUuid(),
          created_at: 0,
          name: 'backups',
          tags: 'prod db',
        })
        .execute();
    });
    after(async () => {
      await browser.close();
      await server.close();
    });

    /** A browser window logged in as the project's owner (the login pages have their own tests). */
    async function loggedIn(): Promise<BrowserContext> {
      const deps = server.running.deps;
      const user = await deps.store.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'owner@example.org')
        .executeTakeFirstOrThrow();
      const { token } = await startSession(deps, Number(user.id));
      const context = await browser.newContext();
      const value = encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey)));
      await context.addCookies([{ name: SESSION_COOKIE, value, url: server.url }]);
      return context;
    }

    test('creates a read-only key on the settings page and uses it against /api/v3/checks/', async () => {
      const page = await (await loggedIn()).newPage();
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(`${server.url}/projects/${code}/settings/`);
      await screenshot(page, `settings-${dialect}`);
      // the project was created with keys, so this replaces the read-only one (after a confirmation)
      await page.getByRole('button', { name: 'Regenerate read-only key' }).click();
      const key = (await page.locator('#new-key').innerText()).trim();
      assert.match(key, /^hcr_[A-Za-z0-9]{28}$/);
      assert.equal(await page.locator('#prometheus-url').innerText(), `${server.url}/projects/${code}/metrics/${key}`);
      await screenshot(page, `settings-new-key-${dialect}`);

      const answer = await page.evaluate(async (apiKey) => {
        const res = await fetch('/api/v3/checks/', { headers: { 'X-Api-Key': apiKey } });
        return { status: res.status, body: (await res.json()) as { checks: Array<Record<string, unknown>> } };
      }, key);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.checks.length, 1);
      assert.equal(answer.body.checks[0]!.name, 'backups');
      assert.equal(answer.body.checks[0]!.uuid, undefined, 'a read-only key sees no UUIDs');

      await page.goto(`${server.url}/projects/${code}/settings/`);
      assert.equal(await page.locator('#new-key').count(), 0, 'the key is shown only once');
    });

    test('the badge builder switches badges in place and previews the SVG', async () => {
      const page = await (await loggedIn()).newPage();
      await page.goto(`${server.url}/projects/${code}/badges/`);
      await page.getByLabel('Which checks').selectOption({ label: 'Checks tagged “prod”' });
      await page.getByLabel('Three states').check();
      const res = await fetch(`${server.url}/api/v3/badges/`, { headers: { 'X-Api-Key': readWriteKey } });
      const listed = ((await res.json()) as { badges: Record<string, Record<string, string>> }).badges;
      assert.equal(await page.locator('#badge-url').innerText(), listed.prod!.svg3);
      assert.match(page.url(), /\?tag=prod&fmt=svg&states=3$/);
      await page.waitForFunction('document.querySelector("#badge-preview").naturalWidth > 0');
      await page.getByLabel('Shields.io').check();
      assert.equal(
        await page.locator('#badge-url').innerText(),
        `https://img.shields.io/endpoint?url=${encodeURIComponent(listed.prod!.shields3!)}`,
      );
      await screenshot(page, `badges-${dialect}`);
    });

    test('the TV dashboard turns a check up without a reload when it is pinged', async () => {
      const page = await (await loggedIn()).newPage();
      await page.goto(`${server.url}/projects/${code}/tv/`);
      await page.locator('.tv-tile.new').getByText('backups').waitFor();
      assert.equal((await fetch(`${server.url}/ping/${checkCode}`)).status, 200);
      await page.locator('.tv-tile.up').getByText('backups').waitFor({ timeout: 10_000 });
      await screenshot(page, `tv-${dialect}`);
    });

    test('the docs are public and show this server’s ping URL', async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}/docs/`);
      await page.getByRole('heading', { name: 'Mychecks documentation' }).waitFor();
      await screenshot(page, `docs-${dialect}`);
      await page.getByRole('navigation', { name: 'Documentation' }).getByRole('link', { name: 'Python' }).click();
      await page.waitForURL(`${server.url}/docs/python/`);
      assert.match(await page.locator('article').innerText(), new RegExp(`${server.url}/ping/your-uuid-here`));
      await screenshot(page, `docs-python-${dialect}`);
    });
  });
}
