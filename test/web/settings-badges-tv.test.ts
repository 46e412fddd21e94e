import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BadgeUrls } from '../../src/checks/list-badge-urls.js';
import { testDialects } from '../support/databases.js';
import { makeCheck, makeProject, type TestProject } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { loggedInClient, webClient, type WebClient } from '../support/web-client.js';

const SITE_ROOT = 'https://hc.example.org/hc';
const HOUR = 3_600_000;

const unescape = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

const shownUrl = (body: string) => unescape(/<code id="badge-url">([^<]+)<\/code>/.exec(body)![1]!);
const previewUrl = (body: string) => unescape(/<img id="badge-preview" src="([^"]+)"/.exec(body)![1]!);

for (const dialect of testDialects()) {
  describe(`badge builder and TV dashboard (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let owner: WebClient & { userId: number };
    let viewer: WebClient & { userId: number };
    let outsider: WebClient;
    let apiBadges: Record<string, BadgeUrls>;

    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT, SITE_NAME: 'Mychecks' });
      owner = await loggedInClient(h.deps, h.app, 'owner@example.org');
      viewer = await loggedInClient(h.deps, h.app, 'viewer@example.org');
      outsider = await loggedInClient(h.deps, h.app, 'outsider@example.org');
      project = await makeProject(h.deps, 'Backups');
      await h.deps.store.db.updateTable('projects').set({ owner_id: owner.userId }).where('id', '=', project.projectId).execute();
      await h.deps.store.db
        .insertInto('members')
        .values({ project_id: project.projectId, user_id: viewer.userId, role: 'r', created_at: h.clock.now() })
        .execute();
      const now = h.clock.now();
      await makeCheck(h.deps, project, { name: 'web-10', tags: 'prod web', status: 'up', last_ping_at: now - HOUR });
      await makeCheck(h.deps, project, {
        name: 'web-9',
        tags: 'prod',
        status: 'up',
        last_ping_at: now - HOUR,
        last_duration_ms: 65_000,
      });
      await makeCheck(h.deps, project, { name: 'db', tags: 'db@dc1', status: 'up', last_ping_at: now - 48 * HOUR });
      await makeCheck(h.deps, project, { name: '<script>x</script>', status: 'paused' });
      await makeCheck(h.deps, project, { name: '', status: 'up', last_ping_at: now - HOUR, last_start_at: now - 60_000 });
      const res = await h.app.inject({ url: '/hc/api/v3/badges/', headers: { 'x-api-key': project.api_key_readonly } });
      apiBadges = res.json<{ badges: Record<string, BadgeUrls> }>().badges;
      assert.deepEqual(Object.keys(apiBadges), ['db@dc1', 'prod', 'web', '*']);
    });
    after(() => h.close());

    const badgesPage = `/hc/projects/PROJECT/badges/`;
    const url = (path: string) => path.replace('PROJECT', project.id);

    test('by default the builder shows the 2-state SVG of all checks, as /api/v3/badges/ lists it', async () => {
      const res = await owner.get(url(badgesPage));
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Badges – Backups – Mychecks<\/title>/);
      assert.equal(shownUrl(res.body), apiBadges['*']!.svg);
      assert.equal(previewUrl(res.body), apiBadges['*']!.svg);
      assert.match(res.body, /aria-current="page">Badges</);
    });

    test('every tag, format and number of states gives the URL /api/v3/badges/ lists', async () => {
      for (const [tag, urls] of Object.entries(apiBadges)) {
        for (const fmt of ['svg', 'json', 'shields'] as const) {
          for (const states of [2, 3] as const) {
            const query = new URLSearchParams({ tag, fmt, states: String(states) });
            const res = await owner.get(`${url(badgesPage)}?${query.toString()}`);
            const listed = urls[states === 3 ? (`${fmt}3` as const) : fmt];
            const expected = fmt === 'shields' ? `https://img.shields.io/endpoint?url=${encodeURIComponent(listed)}` : listed;
            assert.equal(shownUrl(res.body), expected, `${tag} ${fmt} ${states}`);
            assert.equal(previewUrl(res.body), states === 3 ? urls.svg3 : urls.svg);
          }
        }
      }
    });

    test('each choice carries its six URLs for the page script, equal to the API’s', async () => {
      const body = (await owner.get(url(badgesPage))).body;
      for (const [tag, urls] of Object.entries(apiBadges)) {
        const option = new RegExp(`<option\\s+value="${unescape(tag).replace('*', '\\*')}"[^>]*>`).exec(body)?.[0];
        assert.ok(option, tag);
        for (const [key, value] of Object.entries(urls)) assert.ok(option.includes(`data-${key}="${value}"`), `${tag} ${key}`);
      }
    });

    test('the previewed badge is served, and shows the tag’s status', async () => {
      const res = await owner.get(`${url(badgesPage)}?tag=db%40dc1&fmt=svg&states=3`);
      const preview = previewUrl(res.body);
      const svg = await h.app.inject({ url: preview.replace('https://hc.example.org', '') });
      assert.equal(svg.statusCode, 200);
      assert.match(svg.body, /^<svg/);
      assert.match(svg.body, />down</);
    });

    test('an unknown or repeated choice falls back to a valid badge', async () => {
      const unknown = await owner.get(`${url(badgesPage)}?tag=nope&fmt=png&states=7`);
      assert.equal(shownUrl(unknown.body), apiBadges['*']!.svg);
      const repeated = await owner.get(`${url(badgesPage)}?tag=prod&tag=web&fmt=json`);
      assert.equal(shownUrl(repeated.body), apiBadges.web!.json);
    });

    test('read-only members use the builder; outsiders get 404; visitors log in', async () => {
      assert.equal((await viewer.get(url(badgesPage))).statusCode, 200);
      assert.equal((await outsider.get(url(badgesPage))).statusCode, 404);
      const anonymous = await webClient(h.app).get(url(badgesPage));
      assert.equal(anonymous.statusCode, 303);
    });

    test('the TV page shows every check, down first, on a dark page that refreshes its grid', async () => {
      const res = await owner.get(url('/hc/projects/PROJECT/tv/'));
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="en" data-theme="dark" class="tv">/);
      assert.match(res.body, /<title>Backups – Mychecks TV<\/title>/);
      assert.ok(res.body.includes(`data-refresh-url="/hc/projects/${project.id}/tv/grid/"`));
      const names = [...res.body.matchAll(/<span class="tv-name">([^<]*)<\/span>/g)].map((m) => m[1]);
      assert.deepEqual(names, ['db', 'unnamed', 'web-9', 'web-10', '&lt;script&gt;x&lt;/script&gt;']);
      assert.match(res.body, /<li class="tv-tile down">\s*<span class="tv-name">db</);
      assert.match(res.body, /<strong>1 down<\/strong>/);
      assert.match(res.body, /took 1 min 5 s/);
      assert.match(res.body, /Up <span class="tv-running">running<\/span>/);
      assert.doesNotMatch(res.body, /<script>x/);
    });

    test('the grid partial follows pings without a page load', async () => {
      const grid = url('/hc/projects/PROJECT/tv/grid/');
      const before = await owner.get(grid);
      assert.equal(before.statusCode, 200);
      assert.doesNotMatch(before.body, /<html/);
      assert.match(before.body, /<strong>1 down<\/strong>/);
      const db = await h.deps.store.db.selectFrom('checks').select('code').where('name', '=', 'db').executeTakeFirstOrThrow();
      assert.equal((await h.app.inject({ url: `/hc/ping/${db.code}` })).body, 'OK');
      const afterPing = await owner.get(grid);
      assert.match(afterPing.body, /<strong>All good<\/strong>/);
      assert.match(afterPing.body, /<li class="tv-tile up">\s*<span class="tv-name">db</);
    });

    test('TV: read-only members see it, outsiders get 404, and an anonymous grid request is a 403', async () => {
      assert.equal((await viewer.get(url('/hc/projects/PROJECT/tv/'))).statusCode, 200);
      assert.equal((await viewer.get(url('/hc/projects/PROJECT/tv/grid/'))).statusCode, 200);
      assert.equal((await outsider.get(url('/hc/projects/PROJECT/tv/'))).statusCode, 404);
      assert.equal((await outsider.get(url('/hc/projects/PROJECT/tv/grid/'))).statusCode, 404);
      const anonymous = webClient(h.app);
      assert.equal((await anonymous.get(url('/hc/projects/PROJECT/tv/'))).statusCode, 303);
      assert.equal((await anonymous.get(url('/hc/projects/PROJECT/tv/grid/'))).statusCode, 403);
    });
  });
}
