import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { loggedInClient } from '../support/web-client.js';
import { SESSION_COOKIE } from '../../src/web/web-plugin.js';

for (const dialect of testDialects()) {
  describe(`dashboard shell (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect, { SITE_NAME: 'Mychecks' });
    });
    after(() => h.close());

    test('an anonymous visitor of / is sent to the login page', async () => {
      const res = await h.app.inject({ url: '/' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accounts/login/');
    });

    test('a logged-in user of / is sent to their projects; a forged session cookie counts for nothing', async () => {
      const client = await loggedInClient(h.deps, h.app, 'alice@example.org');
      const res = await client.get('/');
      assert.equal(res.headers.location, '/projects/');
      const forged = await h.app.inject({ url: '/', headers: { cookie: `${SESSION_COOKIE}=abc.def` } });
      assert.equal(forged.headers.location, '/accounts/login/');
    });

    test('serves the stylesheet and script', async () => {
      const css = await h.app.inject({ url: '/static/watchpost.css' });
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers['content-type']), /text\/css/);
      assert.equal((await h.app.inject({ url: '/static/watchpost.js' })).statusCode, 200);
    });

    test('an unknown page is an HTML 404 for browsers and JSON for programs', async () => {
      const page = await h.app.inject({ url: '/no/such/page', headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /<title>Not found – Mychecks<\/title>/);
      const json = await h.app.inject({ url: '/no/such/page' });
      assert.deepEqual(json.json(), { error: 'not found' });
    });
  });
}
