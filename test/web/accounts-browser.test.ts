import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, withBrowser } from '../support/browser.js';
import { testDialects } from '../support/databases.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

const PASSWORD = 'correct horse battery';

for (const dialect of testDialects()) {
  describe(`accounts in a browser (${dialect})`, withBrowser, () => {
    let server: WebServer;
    let browser: Browser;
    before(async () => {
      server = await startWebServer(dialect, { SITE_NAME: 'Mychecks' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await server.close();
    });

    test('signs up through the form, lands on the checks page, logs out and logs in again', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForURL(`${server.url}/accounts/login/`);
      await page.getByRole('link', { name: 'Sign up' }).click();
      await page.waitForURL(`${server.url}/accounts/signup/`);
      await page.getByLabel('Email').fill('newcomer@example.org');
      await page.getByLabel('Password').fill('short');
      await screenshot(page, `accounts-signup-${dialect}`);
      // the browser's own check (minlength) holds the form back; the server says the same without it
      await page.getByRole('button', { name: 'Sign up' }).click();
      assert.equal(page.url(), `${server.url}/accounts/signup/`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/checks\/$/);

      const session = (await context.cookies()).find((c) => c.name === 'wp_session');
      assert.ok(session);
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${server.url}/accounts/login/`);
      await page.getByText('You are logged out.').waitFor();
      assert.equal(
        (await context.cookies()).find((c) => c.name === 'wp_session'),
        undefined,
      );

      // a protected page sends the visitor to log in, and back after
      await page.goto(`${server.url}/accounts/profile/`);
      await page.waitForURL(/\/accounts\/login\/\?next=/);
      await page.getByLabel('Email').first().fill('newcomer@example.org');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.getByText('Incorrect email or password.').waitFor();
      await page.getByLabel('Password').fill(PASSWORD);
      await screenshot(page, `accounts-login-${dialect}`);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.waitForURL(`${server.url}/accounts/profile/`);
      await page.getByText('You log in as').waitFor();

      // the theme choice is kept by the server and applied to the page
      await page.getByRole('radio', { name: 'Dark' }).check();
      await page.getByRole('button', { name: 'Save theme' }).click();
      await page.getByText('Your theme is saved.').waitFor();
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
      await screenshot(page, `accounts-profile-${dialect}`);
      await context.close();
    });
  });
}
