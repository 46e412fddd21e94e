import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, withBrowser } from '../support/browser.js';
import { testDialects } from '../support/databases.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

type InPage = { navigator: { clipboard: { readText(): Promise<string> } } };

/**
 * Issue 5's walk through the dashboard, as one newcomer would do it, in a real browser: sign up,
 * a project and a check, its ping seen live, a webhook and its test, a read-only API key,
 * pause and resume, a teammate who joins, an outsider who finds nothing.
 */
for (const dialect of testDialects()) {
  describe(`dashboard walkthrough in Chromium (${dialect})`, withBrowser, () => {
    let server: WebServer;
    let browser: Browser;
    let smtp: SmtpSink;
    let hook: RecordingServer;
    before(async () => {
      smtp = await startSmtpSink();
      hook = await startRecordingServer();
      server = await startWebServer(dialect, {
        SITE_NAME: 'Mychecks',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        EMAIL_USE_TLS: 'False',
      });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await server.close();
      await hook.close();
      await smtp.close();
    });

    test('sign up, check, live ping, webhook test, read-only key, pause/resume, teammate, outsider', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      // confirmations (regenerating a key, …) are answered yes, as the user would
      page.on('dialog', (dialog) => void dialog.accept());

      // sign up: lands on the new project's checks page
      await page.goto(`${server.url}/accounts/signup/`);
      await page.getByLabel('Email').fill('newcomer@example.org');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/checks\/$/);
      const projectCode = /\/projects\/([0-9a-f-]{36})\/checks\/$/.exec(page.url())![1]!;

      // a check, its ping URL copied, pinged from outside, seen without a reload
      await page.getByRole('button', { name: 'Add check' }).click();
      await page.waitForURL(/\/checks\/[0-9a-f-]{36}\/$/);
      const checkCode = /\/checks\/([0-9a-f-]{36})\/$/.exec(page.url())![1]!;
      await page.getByLabel('Name', { exact: true }).fill('nightly backup');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Name, tags and description saved.').waitFor();
      await page.getByRole('link', { name: 'Checks', exact: true }).first().click();
      const row = page.locator(`tr[data-code="${checkCode}"]`);
      await row.getByRole('img', { name: 'New' }).waitFor();
      await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
      await row.getByRole('button', { name: /Copy the ping URL/ }).click();
      const copied = await page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText());
      assert.equal(new URL(copied).pathname, `/ping/${checkCode}`);
      assert.equal((await fetch(`${server.url}${new URL(copied).pathname}`)).status, 200);
      await row.getByRole('img', { name: 'Up' }).waitFor({ timeout: 15_000 });
      assert.equal(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument), true);
      await screenshot(page, `walkthrough-checks-${dialect}`);

      // a webhook integration and its test notification
      await page.goto(`${server.url}/projects/${projectCode}/add/webhook/`);
      const down = page.getByRole('group', { name: 'When a check goes down' });
      await down.getByLabel('Request method').selectOption('POST');
      await down.getByLabel('URL', { exact: true }).fill(`${hook.url}/hooks/$STATUS`);
      await down.getByLabel('Request body').fill('$NAME is $STATUS');
      await page.getByLabel('Name (optional)').fill('Ops hook');
      await page.getByRole('button', { name: 'Save integration' }).click();
      await page.waitForURL(/\/integrations\/$/);
      await page.getByRole('button', { name: 'Send a test notification to Ops hook' }).click();
      await page.getByRole('status').filter({ hasText: 'Test notification sent!' }).waitFor();
      const [request] = await hook.waitFor(1);
      assert.equal(request?.body, 'TEST is down');

      // a read-only API key, used against the API from the page
      await page.goto(`${server.url}/projects/${projectCode}/settings/`);
      await page.getByRole('button', { name: /(Create|Regenerate) read-only key/ }).click();
      const key = (await page.locator('#new-key').innerText()).trim();
      const answer = await page.evaluate(async (apiKey) => {
        const res = await fetch('/api/v3/checks/', { headers: { 'X-Api-Key': apiKey } });
        return { status: res.status, text: await res.text() };
      }, key);
      assert.equal(answer.status, 200);
      assert.match(answer.text, /nightly backup/);
      assert.doesNotMatch(answer.text, new RegExp(checkCode), 'a read-only key sees no UUIDs');

      // pause and resume from the details page
      await page.goto(`${server.url}/projects/${projectCode}/checks/${checkCode}/`);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page
        .getByText(/paused/i)
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Resume', exact: true }).click();
      await page
        .getByText(/resumed|is new|waiting/i)
        .first()
        .waitFor();
      await screenshot(page, `walkthrough-details-${dialect}`);

      // a teammate is invited, joins from the email, and sees the project
      await page.goto(`${server.url}/projects/${projectCode}/team/`);
      await page.getByLabel('Email address').fill('teammate@example.org');
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Read-only' });
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText('Invited teammate@example.org').waitFor();
      const invitation = (await smtp.waitFor(1)).find((m) => m.rcptTo.includes('teammate@example.org'))!;
      const path = /https?:\/\/[^/\s]+(\/accounts\/accept_invite\/\S+)/.exec(invitation.parsed.text ?? '')![1]!;
      const teammate = await (await browser.newContext()).newPage();
      await teammate.goto(`${server.url}${path}`);
      await teammate.getByRole('button', { name: 'Accept and log in' }).click();
      await teammate.waitForURL(`${server.url}/projects/${projectCode}/checks/`);
      await teammate.locator(`tr[data-code="${checkCode}"]`).waitFor();

      // an outsider finds nothing
      const outsider = await (await browser.newContext()).newPage();
      await outsider.goto(`${server.url}/accounts/signup/`);
      await outsider.getByLabel('Email').fill('outsider@example.org');
      await outsider.getByLabel('Password').fill('correct horse battery');
      await outsider.getByRole('button', { name: 'Sign up' }).click();
      await outsider.waitForURL(/\/checks\/$/);
      const res = await outsider.goto(`${server.url}/projects/${projectCode}/checks/`);
      assert.equal(res?.status(), 404);
      assert.equal((await outsider.goto(`${server.url}/projects/${projectCode}/checks/${checkCode}/`))?.status(), 404);
    });
  });
}
