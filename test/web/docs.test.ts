import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isValidSchedule } from '../../src/domain/schedule/index.js';
import { DOCS_PAGES } from '../../src/web/docs-pages.js';
import { CRON_EXAMPLES, ONCALENDAR_EXAMPLES } from '../../src/web/docs-schedule-pages.js';
import { testDialects } from '../support/databases.js';
import { makeProject } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { loggedInClient } from '../support/web-client.js';

const ENV = {
  SITE_ROOT: 'https://hc.example.org/hc',
  SITE_NAME: 'Cron HealthChecks service',
  PING_ENDPOINT: 'https://ping.example.net/p/',
  PING_EMAIL_DOMAIN: 'pings.example.org',
  PING_BODY_LIMIT: '20000',
};
const PING_URL = 'https://ping.example.net/p/your-uuid-here';

const unescape = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

test('every cron and OnCalendar example of the docs is a schedule checks accept', () => {
  for (const [expr] of CRON_EXAMPLES) assert.ok(isValidSchedule('cron', expr), expr);
  for (const [expr] of ONCALENDAR_EXAMPLES) assert.ok(isValidSchedule('oncalendar', expr), expr);
});

for (const dialect of testDialects()) {
  describe(`public docs (${dialect})`, () => {
    let h: Harness;
    const get = (url: string) => h.app.inject({ url, headers: { accept: 'text/html' } });

    before(async () => {
      h = await makeHarness(dialect, ENV);
    });
    after(() => h.close());

    test('the docs index needs no login, is branded, and fills in this server’s ping URL', async () => {
      const res = await get('/hc/docs/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Docs – Cron HealthChecks service<\/title>/);
      assert.match(res.body, /<h1>Cron HealthChecks service documentation<\/h1>/);
      assert.ok(res.body.includes(PING_URL));
      assert.doesNotMatch(res.body, /healthchecks\.io\/ping|hc-ping\.com/);
    });

    test('every page is public, listed in the sidebar, and has its title', async () => {
      const index = (await get('/hc/docs/')).body;
      for (const [slug, page] of DOCS_PAGES) {
        assert.ok(index.includes(`href="/hc/docs/${slug}/"`), `${slug} is linked`);
        const res = await get(`/hc/docs/${slug}/`);
        assert.equal(res.statusCode, 200, slug);
        assert.ok(res.body.includes(`<title>${page.title} – Docs – Cron HealthChecks service</title>`), slug);
        assert.match(res.body, new RegExp(`href="/hc/docs/${slug}/"\\s+aria-current="page"`));
      }
    });

    test('the how-to-ping pages use PING_ENDPOINT, and each shows its language', async () => {
      const expectations: Record<string, RegExp> = {
        monitoring_cron_jobs: /curl -fsS -m 10 --retry 5 -o \/dev\/null https:\/\/ping\.example\.net\/p\/your-uuid-here\/\$\?/,
        bash: /&quot;\$URL\/start&quot;/,
        python: /urllib\.request\.urlopen\(&quot;https:\/\/ping\.example\.net\/p\/your-uuid-here&quot;, timeout=10\)/,
        javascript: /AbortSignal\.timeout\(10_000\)/,
        powershell: /Invoke-RestMethod https:\/\/ping\.example\.net\/p\/your-uuid-here -TimeoutSec 10/,
      };
      for (const [slug, pattern] of Object.entries(expectations)) {
        const body = (await get(`/hc/docs/${slug}/`)).body;
        assert.ok(body.includes(PING_URL), slug);
        assert.match(body, pattern, slug);
      }
      assert.match((await get('/hc/docs/bash/')).body, /first 20,000 bytes/);
    });

    test('the Pinging API page lists the URLs and the answers, with the ping endpoint filled in', async () => {
      const body = (await get('/hc/docs/http_api/')).body;
      assert.ok(body.includes('https://ping.example.net/p/&lt;uuid&gt;/start'));
      assert.ok(body.includes('https://ping.example.net/p/&lt;ping-key&gt;/&lt;slug&gt;'));
      for (const answer of ['OK', 'Created', 'invalid url format', 'invalid uuid format', 'not found', 'ambiguous slug']) {
        assert.ok(body.includes(`<code>${answer}</code>`), answer);
      }
    });

    test('the email page gives the check address on PING_EMAIL_DOMAIN', async () => {
      const body = (await get('/hc/docs/email/')).body;
      assert.ok(body.includes('your-uuid-here@pings.example.org'));
      assert.ok(body.includes('&lt;ping-key&gt;+&lt;slug&gt;@pings.example.org'));
      assert.match(body, /does not receive email at the moment/);
    });

    test('the API reference links the OpenAPI document and lists every operation in it', async () => {
      const body = (await get('/hc/docs/api/')).body;
      assert.ok(body.includes('href="https://hc.example.org/hc/api/v3/openapi.json"'));
      const doc = (await h.app.inject({ url: '/hc/api/v3/openapi.json' })).json<{ paths: Record<string, object> }>();
      for (const [path, operations] of Object.entries(doc.paths)) {
        const url = `https://hc.example.org/hc/api/v3${path.replace(/\{(\w+)\}/g, '&lt;$1&gt;')}`;
        for (const method of Object.keys(operations).filter((m) => m !== 'parameters')) {
          assert.match(
            body,
            new RegExp(`<code>${method.toUpperCase()}</code></td>\\s*<td><code>${url.replace(/[.?*]/g, '\\$&')}</code>`),
          );
        }
      }
    });

    test('the API reference’s create-a-check example works as written', async () => {
      const project = await makeProject(h.deps);
      const body = unescape((await get('/hc/docs/api/')).body);
      const json = /--data '(\{.*?\})'/.exec(body)![1]!;
      const res = await h.app.inject({
        method: 'POST',
        url: '/hc/api/v3/checks/',
        headers: { 'x-api-key': project.api_key },
        payload: json,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json<{ schedule: string }>().schedule, '30 6 * * *');
    });

    test('a logged-in reader sees the same pages; an unknown page is a 404 page', async () => {
      const client = await loggedInClient(h.deps, h.app, 'reader@example.org');
      const res = await client.get('/hc/docs/python/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /reader@example\.org/);
      const missing = await get('/hc/docs/nope/');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /<title>Not found – Cron HealthChecks service<\/title>/);
    });
  });
}
