import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { listBadgeUrls } from '../src/checks/list-badge-urls.js';
import { badgeSignature } from '../src/domain/badge-signature.js';
import { tagSegment } from '../src/domain/badge-urls.js';
import { newUuid } from '../src/lib/ids.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NO_CACHE = 'max-age=0, no-cache, no-store, must-revalidate, private';
// base64_hmac("alice", tag, SECRET_KEY)[:8] for the harness's SECRET_KEY, computed with Python.
const SIG = { foo: '7VMnZXNR', all: 'hIfcR85H', dbAtDc1: 'VYDHHOjE' };

function assertCors(res: LightMyRequestResponse, what: string): void {
  assert.equal(res.headers['access-control-allow-origin'], '*', what);
  assert.equal(res.headers['access-control-allow-headers'], 'X-Api-Key', what);
  assert.deepEqual(String(res.headers['access-control-allow-methods']).split(', ').sort(), ['GET', 'OPTIONS'], what);
  assert.equal(res.headers['access-control-max-age'], '600', what);
}

function assertNeverCached(res: LightMyRequestResponse, what: string): void {
  assert.equal(res.headers['cache-control'], NO_CACHE, what);
  assert.ok(res.headers.expires, what);
}

for (const dialect of testDialects()) {
  describe(`badges over HTTP (${dialect})`, () => {
    let h: Harness;
    let alice: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      alice = await makeProject(h.deps, 'Alice');
      // Healthchecks' tests use badge key `alice`; pinning it lets us use Python-computed signatures.
      await h.deps.store.db.updateTable('projects').set({ badge_key: 'alice' }).where('id', '=', alice.projectId).execute();
    });
    after(() => h.close());

    const get = (url: string, method: 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'DELETE' = 'GET') =>
      h.app.inject({ method, url });
    const json = async (url: string): Promise<unknown> => {
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return JSON.parse(res.body) as unknown;
    };
    /** A fresh project with its own badge key, so each test sees only its own checks. */
    const freshProject = async () => {
      const project = await makeProject(h.deps, 'Fresh');
      const row = await h.deps.store.db
        .selectFrom('projects')
        .select('badge_key')
        .where('id', '=', project.projectId)
        .executeTakeFirstOrThrow();
      const url = (tag: string, format: string, states: 2 | 3 = 2) => {
        const sig = badgeSignature(h.deps.secretKey, row.badge_key, tag) + (states === 2 ? '-2' : '');
        return tag === '*'
          ? `/badge/${row.badge_key}/${sig}.${format}`
          : `/badge/${row.badge_key}/${sig}/${tagSegment(tag)}.${format}`;
      };
      return { project, url };
    };

    describe('project and tag badges', () => {
      test('a bad signature is a 404 that still carries CORS and no-cache headers (item 156)', async () => {
        await makeCheck(h.deps, alice, { tags: 'foo bar' });
        for (const sig of ['12345678', '12345678-2', `${SIG.foo.slice(0, 7)}`, SIG.all]) {
          const res = await get(`/badge/alice/${sig}/foo.svg`);
          assert.equal(res.statusCode, 404, sig);
          assert.equal(res.body, '', sig);
          assertCors(res, sig);
          assertNeverCached(res, sig);
        }
        assert.equal((await get(`/badge/alice/${SIG.foo}.svg`)).statusCode, 404, 'the foo signature does not sign *');
      });

      test('a 2-state SVG is green, never cached, with CORS (item 157)', async () => {
        const res = await get(`/badge/alice/${SIG.foo}-2/foo.svg`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'image/svg+xml');
        assert.match(res.body, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.ok(res.body.includes('#4c1'));
        assert.ok(res.body.includes('<text x="14.0" y="14">foo</text>'));
        assert.match(String(res.headers['cache-control']), /no-cache/);
        assert.equal(res.headers.expires, new Date(h.clock.now()).toUTCString());
        assertCors(res, 'svg');
      });

      test('an unknown format is a 404 with CORS; OPTIONS is 204 with CORS (item 158)', async () => {
        for (const format of ['jsonfoo', 'png', 'SVG']) {
          const res = await get(`/badge/alice/${SIG.foo}-2/foo.${format}`);
          assert.equal(res.statusCode, 404, format);
          assertCors(res, format);
        }
        for (const url of [
          `/badge/alice/${SIG.foo}-2/foo.svg`,
          `/badge/alice/${SIG.all}.json`,
          '/badge/alice/12345678/foo.png',
        ]) {
          const res = await get(url, 'OPTIONS');
          assert.equal(res.statusCode, 204, url);
          assert.equal(res.body, '', url);
          assertCors(res, url);
        }
      });

      test('HEAD and other methods are 405 with CORS (item 202)', async () => {
        for (const method of ['HEAD', 'POST', 'PUT', 'DELETE'] as const) {
          const res = await get(`/badge/alice/${SIG.foo}-2/foo.svg`, method);
          assert.equal(res.statusCode, 405, method);
          assert.equal(res.body, '', method);
          assertCors(res, method);
        }
      });

      test('a new check counts as up (item 159)', async () => {
        const { project, url } = await freshProject();
        await makeCheck(h.deps, project, { tags: 'foo' });
        const res = await get(url('foo', 'json'));
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/json');
        assert.equal(res.body, '{"status": "up", "total": 1, "grace": 0, "down": 0}');
        assertCors(res, 'json');
        assertNeverCached(res, 'json');
      });

      test('a stored-down check that has just started is down (item 160)', async () => {
        const { project, url } = await freshProject();
        await makeCheck(h.deps, project, { tags: 'foo', status: 'down', last_start_at: h.clock.now() });
        assert.deepEqual(await json(url('foo', 'json')), { status: 'down', total: 1, grace: 0, down: 1 });
        assert.deepEqual(await json(url('foo', 'json', 3)), { status: 'down', total: 1, grace: 0, down: 1 });
      });

      test('a check in its grace period is up in 2-state and late in 3-state, running or not (item 161)', async () => {
        const { project, url } = await freshProject();
        const now = h.clock.now();
        await makeCheck(h.deps, project, { tags: 'foo', status: 'up', last_ping_at: now - DAY - 10 * MIN });
        await makeCheck(h.deps, project, { tags: 'bar', status: 'up', last_ping_at: now - DAY - 10 * MIN, last_start_at: now });
        for (const tag of ['foo', 'bar']) {
          assert.deepEqual(await json(url(tag, 'json')), { status: 'up', total: 1, grace: 1, down: 0 }, tag);
          assert.deepEqual(await json(url(tag, 'json', 3)), { status: 'late', total: 1, grace: 1, down: 0 }, tag);
        }
        const svg3 = await get(url('foo', 'svg', 3));
        assert.ok(svg3.body.includes('#fe7d37') && svg3.body.includes('>late</text>'));
        assert.ok((await get(url('foo', 'svg'))).body.includes('#4c1'));
        assert.deepEqual(await json(url('foo', 'shields', 3)), {
          schemaVersion: 1,
          label: 'foo',
          message: 'late',
          color: 'important',
        });
      });

      test('the badge follows the clock: up, then late, then down', async () => {
        const { project, url } = await freshProject();
        const start = h.clock.now();
        await makeCheck(h.deps, project, {
          tags: 'clock',
          status: 'up',
          last_ping_at: start,
          timeout_seconds: 600,
          grace_seconds: 600,
        });
        try {
          assert.equal(((await json(url('clock', 'json', 3))) as { status: string }).status, 'up');
          h.clock.set(start + 15 * MIN);
          assert.deepEqual(await json(url('clock', 'json', 3)), { status: 'late', total: 1, grace: 1, down: 0 });
          h.clock.set(start + 20 * MIN);
          assert.deepEqual(await json(url('clock', 'json', 3)), { status: 'down', total: 1, grace: 0, down: 1 });
          assert.ok((await get(url('clock', 'svg'))).body.includes('#e05d44'));
        } finally {
          h.clock.set(start);
        }
      });

      test('running checks: within grace they show their underlying status, past it down', async () => {
        const { project, url } = await freshProject();
        const now = h.clock.now();
        await makeCheck(h.deps, project, { tags: 'fresh', last_start_at: now - 5 * MIN });
        await makeCheck(h.deps, project, {
          tags: 'stale',
          status: 'up',
          last_ping_at: now - HOUR,
          last_start_at: now - 2 * HOUR,
        });
        assert.deepEqual(await json(url('fresh', 'json', 3)), { status: 'up', total: 1, grace: 0, down: 0 });
        assert.deepEqual(await json(url('stale', 'json', 3)), { status: 'down', total: 1, grace: 0, down: 1 });
      });

      test('paused and new checks count as up; down wins over late', async () => {
        const { project, url } = await freshProject();
        const now = h.clock.now();
        await makeCheck(h.deps, project, { tags: 'mix', status: 'paused', last_ping_at: now - 9 * DAY });
        await makeCheck(h.deps, project, { tags: 'mix' });
        assert.deepEqual(await json(url('mix', 'json', 3)), { status: 'up', total: 2, grace: 0, down: 0 });
        await makeCheck(h.deps, project, { tags: 'mix', status: 'up', last_ping_at: now - DAY - MIN });
        assert.deepEqual(await json(url('mix', 'json', 3)), { status: 'late', total: 3, grace: 1, down: 0 });
        await makeCheck(h.deps, project, { tags: 'mix', status: 'up', last_ping_at: now - 3 * DAY });
        assert.deepEqual(await json(url('mix', 'json', 3)), { status: 'down', total: 4, grace: 1, down: 1 });
        assert.deepEqual(await json(url('mix', 'json')), { status: 'down', total: 4, grace: 1, down: 1 });
      });

      test('tags match whole space-separated tags, case-sensitively; commas are not separators', async () => {
        const { project, url } = await freshProject();
        await makeCheck(h.deps, project, { tags: 'foo' });
        await makeCheck(h.deps, project, { tags: 'foobar a1-foo Foo', status: 'down' });
        await makeCheck(h.deps, project, { tags: 'bar,baz' });
        await makeCheck(h.deps, project, { tags: '  foo   web ' });
        await makeCheck(h.deps, project, { tags: '100% d_b', status: 'down' });
        assert.deepEqual(await json(url('foo', 'json')), { status: 'up', total: 2, grace: 0, down: 0 });
        assert.deepEqual(await json(url('bar,baz', 'json')), { status: 'up', total: 1, grace: 0, down: 0 });
        assert.deepEqual(await json(url('bar', 'json')), { status: 'up', total: 0, grace: 0, down: 0 });
        assert.deepEqual(await json(url('Foo', 'json')), { status: 'down', total: 1, grace: 0, down: 1 });
        // LIKE wildcards in a tag are literal text.
        assert.deepEqual(await json(url('100%', 'json')), { status: 'down', total: 1, grace: 0, down: 1 });
        assert.deepEqual(await json(url('d_b', 'json')), { status: 'down', total: 1, grace: 0, down: 1 });
        assert.deepEqual(await json(url('dxb', 'json')), { status: 'up', total: 0, grace: 0, down: 0 });
        assert.deepEqual(await json(url('10', 'json')), { status: 'up', total: 0, grace: 0, down: 0 });
      });

      test('the * badge covers every check of the project and only that project, labelled with the site name', async () => {
        const { project, url } = await freshProject();
        const other = await freshProject();
        const now = h.clock.now();
        await makeCheck(h.deps, project, { tags: 'a' });
        await makeCheck(h.deps, project, {});
        await makeCheck(h.deps, project, { tags: 'b', status: 'up', last_ping_at: now - DAY - MIN });
        await makeCheck(h.deps, other.project, { tags: 'a', status: 'down' });
        assert.deepEqual(await json(url('*', 'json')), { status: 'up', total: 3, grace: 1, down: 0 });
        assert.deepEqual(await json(url('*', 'json', 3)), { status: 'late', total: 3, grace: 1, down: 0 });
        assert.deepEqual(await json(url('a', 'json')), { status: 'up', total: 1, grace: 0, down: 0 });
        const label = h.deps.config.siteName;
        assert.deepEqual(await json(url('*', 'shields')), { schemaVersion: 1, label, message: 'up', color: 'success' });
        assert.ok((await get(url('*', 'svg'))).body.includes(`y="14">${label}</text>`));
        assert.equal((await get(other.url('*', 'svg'))).statusCode, 200);
        assert.ok((await get(other.url('*', 'svg'))).body.includes('#e05d44'));
      });

      test('shields.io endpoint JSON (item 163)', async () => {
        const res = await get(`/badge/alice/${SIG.foo}-2/foo.shields`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/json');
        assert.equal(res.body, '{"schemaVersion": 1, "label": "foo", "message": "up", "color": "success"}');
      });

      test('a tag with special characters is addressed percent-encoded twice (item 162)', async () => {
        await makeCheck(h.deps, alice, { tags: 'db@dc1' });
        const ok = await get(`/badge/alice/${SIG.dbAtDc1}/db%2540dc1.svg`);
        assert.equal(ok.statusCode, 200);
        assert.ok(ok.body.includes('y="14">db@dc1</text>'));
        // Encoded once, the decoded path holds `@`, which the tag pattern does not admit.
        const once = await get(`/badge/alice/${SIG.dbAtDc1}/db%40dc1.svg`);
        assert.equal(once.statusCode, 404);
        assert.equal(once.headers['access-control-allow-origin'], undefined);
      });

      test('tags with spaces-free unicode, dots, tildes and markup round-trip through their URLs', async () => {
        const { project, url } = await freshProject();
        const tags = ['ü-prod', 'v1.2', 'a~b', '<b>&"\'', 'x!*()', '100%', '🚀', 'a.json'];
        await makeCheck(h.deps, project, { tags: tags.join(' '), status: 'down' });
        for (const tag of tags) {
          assert.deepEqual(await json(url(tag, 'json')), { status: 'down', total: 1, grace: 0, down: 1 }, tag);
          assert.deepEqual(
            await json(url(tag, 'shields')),
            { schemaVersion: 1, label: tag, message: 'down', color: 'critical' },
            tag,
          );
        }
        const svg = await get(url('<b>&"\'', 'svg'));
        assert.ok(svg.body.includes('y="14">&lt;b&gt;&amp;&quot;&#x27;</text>'));
      });

      test('a query string is ignored', async () => {
        assert.equal((await get(`/badge/alice/${SIG.foo}-2/foo.svg?v=123&cache=no`)).statusCode, 200);
      });

      test('a valid signature for a badge key nobody has shows an empty, up badge, as in Healthchecks', async () => {
        const key = newUuid();
        const sig = badgeSignature(h.deps.secretKey, key, 'foo');
        assert.deepEqual(await json(`/badge/${key}/${sig}/foo.json`), { status: 'up', total: 0, grace: 0, down: 0 });
      });

      test('malformed badge URLs get a 4xx, never a 500', async () => {
        const urls = [
          '/badge/',
          '/badge/alice',
          '/badge/alice/',
          `/badge/alice/${SIG.foo}`,
          `/badge/alice/${SIG.foo}/`,
          `/badge/alice/${SIG.foo}/foo`,
          `/badge/alice/${SIG.foo}/foo.`,
          `/badge/alice/${SIG.foo}/.svg`,
          `/badge/alice/${SIG.foo}/foo/bar.svg`,
          `/badge/alice/${SIG.foo}/foo%252Fbar.svg`,
          `/badge/alice/${SIG.foo}/foo%2Fbar.svg`,
          `/badge/alice/${SIG.foo}/%zz.svg`,
          `/badge/alice/${SIG.foo}/%25zz.svg`,
          `/badge/alice/${SIG.foo}/%25E0%25A4%25A.svg`,
          `/badge/alice/${SIG.foo}/%FF%FE.svg`,
          `/badge/alice/${SIG.foo}/%.svg`,
          `/badge/al ice/${SIG.foo}/foo.svg`,
          `/badge/alice/${SIG.foo}/${'x'.repeat(2000)}.svg`,
          `/badge/alice/${SIG.foo}/foo.svg/`,
          '/badge/alice/sig.na.ture.svg',
        ];
        for (const url of urls) {
          const res = await get(url);
          assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} → ${res.statusCode}`);
        }
      });
    });

    describe('check badges', () => {
      test('an unknown or malformed check badge key is a generic 404 without CORS (item 164)', async () => {
        const check = await makeCheck(h.deps, alice, { name: 'foobar' });
        for (const url of [
          '/b/2/869fe06a-a604-4140-b15a-118637c25f3e.svg',
          `/b/2/${check.badgeKey.toUpperCase()}.svg`,
          `/b/x/${check.badgeKey}.svg`,
          `/b/-3/${check.badgeKey}.svg`,
          `/b/2/${check.badgeKey}`,
          `/b/2/${check.badgeKey}.svg/`,
          '/b/2/not-a-uuid.svg',
          '/b/',
        ]) {
          const res = await get(url);
          assert.equal(res.statusCode, 404, url);
          assert.equal(res.headers['access-control-allow-origin'], undefined, url);
        }
      });

      test('an SVG labelled with the check name, never cached, with CORS', async () => {
        const check = await makeCheck(h.deps, alice, { name: 'foobar' });
        const res = await get(`/b/2/${check.badgeKey}.svg`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'image/svg+xml');
        assert.ok(res.body.includes('#4c1'));
        assert.ok(res.body.includes('y="14">foobar</text>'));
        assertCors(res, 'check svg');
        assertNeverCached(res, 'check svg');
      });

      test('an unknown format is a 404 with CORS; OPTIONS 204 and HEAD 405 with CORS', async () => {
        const check = await makeCheck(h.deps, alice, { name: 'foobar' });
        const bad = await get(`/b/2/${check.badgeKey}.jsonfoo`);
        assert.equal(bad.statusCode, 404);
        assertCors(bad, 'bad format');
        const options = await get(`/b/2/${check.badgeKey}.svg`, 'OPTIONS');
        assert.equal(options.statusCode, 204);
        assertCors(options, 'options');
        assert.equal((await get('/b/2/869fe06a-a604-4140-b15a-118637c25f3e.svg', 'OPTIONS')).statusCode, 204);
        const head = await get(`/b/2/${check.badgeKey}.svg`, 'HEAD');
        assert.equal(head.statusCode, 405);
        assertCors(head, 'head');
      });

      test('new, started-but-down, late in 2 and 3 states, shields (test_check_badge)', async () => {
        const now = h.clock.now();
        const fresh = await makeCheck(h.deps, alice, { name: 'foobar' });
        assert.deepEqual(await json(`/b/2/${fresh.badgeKey}.json`), { status: 'up', total: 1, grace: 0, down: 0 });
        const startedDown = await makeCheck(h.deps, alice, { status: 'down', last_start_at: now });
        assert.deepEqual(await json(`/b/2/${startedDown.badgeKey}.json`), { status: 'down', total: 1, grace: 0, down: 1 });
        const late = await makeCheck(h.deps, alice, { status: 'up', last_ping_at: now - DAY - 10 * MIN });
        assert.deepEqual(await json(`/b/2/${late.badgeKey}.json`), { status: 'up', total: 1, grace: 1, down: 0 });
        assert.deepEqual(await json(`/b/3/${late.badgeKey}.json`), { status: 'late', total: 1, grace: 1, down: 0 });
        const lateRunning = await makeCheck(h.deps, alice, {
          status: 'up',
          last_ping_at: now - DAY - 10 * MIN,
          last_start_at: now,
        });
        assert.deepEqual(await json(`/b/3/${lateRunning.badgeKey}.json`), { status: 'late', total: 1, grace: 1, down: 0 });
        const shields = await get(`/b/2/${fresh.badgeKey}.shields`);
        assert.equal(shields.headers['content-type'], 'application/json');
        assert.equal(shields.body, '{"schemaVersion": 1, "label": "foobar", "message": "up", "color": "success"}');
      });

      test('states: 3 (however written) is 3-state, any other number 2-state', async () => {
        const now = h.clock.now();
        const late = await makeCheck(h.deps, alice, { status: 'up', last_ping_at: now - DAY - 10 * MIN });
        for (const [states, status] of [
          ['3', 'late'],
          ['003', 'late'],
          ['2', 'up'],
          ['0', 'up'],
          ['4', 'up'],
          ['99999999999999999999999', 'up'],
        ] as const) {
          const doc = (await json(`/b/${states}/${late.badgeKey}.json`)) as { status: string };
          assert.equal(doc.status, status, states);
        }
      });

      test('paused and down checks; an unnamed check is labelled with its UUID', async () => {
        const now = h.clock.now();
        const paused = await makeCheck(h.deps, alice, { name: 'nightly', status: 'paused', last_ping_at: now - 9 * DAY });
        assert.deepEqual(await json(`/b/3/${paused.badgeKey}.json`), { status: 'up', total: 1, grace: 0, down: 0 });
        const down = await makeCheck(h.deps, alice, { status: 'up', last_ping_at: now - 2 * DAY });
        assert.deepEqual(await json(`/b/3/${down.badgeKey}.shields`), {
          schemaVersion: 1,
          label: down.code,
          message: 'down',
          color: 'critical',
        });
        const svg = await get(`/b/2/${down.badgeKey}.svg`);
        assert.ok(svg.body.includes('#e05d44') && svg.body.includes(`y="14">${down.code}</text>`));
      });
    });

    describe('listing badge URLs (spec §4.18)', () => {
      test('one entry per distinct tag, then *, each with six URLs that serve their badge', async () => {
        const { project } = await freshProject();
        await makeCheck(h.deps, project, { tags: 'prod db' });
        await makeCheck(h.deps, project, { tags: ' backup  db ', status: 'down' });
        await makeCheck(h.deps, project, { tags: 'db@dc1 ü' });
        await makeCheck(h.deps, project, {});
        const badges = await listBadgeUrls(h.deps, project.projectId);
        assert.deepEqual(Object.keys(badges), ['backup', 'db', 'db@dc1', 'prod', 'ü', '*']);
        const root = h.deps.config.siteRoot;
        const key = (
          await h.deps.store.db
            .selectFrom('projects')
            .select('badge_key')
            .where('id', '=', project.projectId)
            .executeTakeFirstOrThrow()
        ).badge_key;
        const sig = badgeSignature(h.deps.secretKey, key, 'db@dc1');
        assert.deepEqual(badges['db@dc1'], {
          svg: `${root}/badge/${key}/${sig}-2/db%2540dc1.svg`,
          svg3: `${root}/badge/${key}/${sig}/db%2540dc1.svg`,
          json: `${root}/badge/${key}/${sig}-2/db%2540dc1.json`,
          json3: `${root}/badge/${key}/${sig}/db%2540dc1.json`,
          shields: `${root}/badge/${key}/${sig}-2/db%2540dc1.shields`,
          shields3: `${root}/badge/${key}/${sig}/db%2540dc1.shields`,
        });
        const allSig = badgeSignature(h.deps.secretKey, key, '*');
        assert.equal(badges['*']!.svg, `${root}/badge/${key}/${allSig}-2.svg`);
        assert.equal(badges['*']!.json3, `${root}/badge/${key}/${allSig}.json`);
        for (const [tag, urls] of Object.entries(badges)) {
          for (const [variant, url] of Object.entries(urls) as Array<[string, string]>) {
            assert.ok(url.startsWith(root), url);
            const res = await get(url.slice(root.length));
            assert.equal(res.statusCode, 200, `${tag} ${variant} ${url}`);
          }
        }
        const db = (await json(badges.db!.json.slice(root.length))) as { total: number; status: string };
        assert.deepEqual(db, { status: 'down', total: 2, grace: 0, down: 1 });
      });

      test('a project without checks lists only *', async () => {
        const { project } = await freshProject();
        assert.deepEqual(Object.keys(await listBadgeUrls(h.deps, project.projectId)), ['*']);
      });

      test('a check tagged * does not add a second * entry', async () => {
        const { project } = await freshProject();
        await makeCheck(h.deps, project, { tags: '* x' });
        assert.deepEqual(Object.keys(await listBadgeUrls(h.deps, project.projectId)), ['x', '*']);
      });

      test('an unknown project is not found', async () => {
        await assert.rejects(listBadgeUrls(h.deps, 987_654), { name: 'AppError', code: 'not_found' });
      });
    });
  });

  describe(`badges under a SITE_ROOT sub-path (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT: 'https://example.com/hc/', SITE_NAME: 'Mychecks' });
    });
    after(() => h.close());

    test('URLs carry the sub-path, routes answer under it, and * is labelled with SITE_NAME', async () => {
      const project = await makeProject(h.deps, 'Sub');
      const check = await makeCheck(h.deps, project, { tags: 'foo', name: 'sub' });
      const badges = await listBadgeUrls(h.deps, project.projectId);
      assert.match(badges.foo!.svg, /^https:\/\/example\.com\/hc\/badge\/[^/]+\/[\w-]{8}-2\/foo\.svg$/);
      const path = (url: string) => new URL(url).pathname;
      assert.equal((await h.app.inject({ method: 'GET', url: path(badges.foo!.svg) })).statusCode, 200);
      const all = await h.app.inject({ method: 'GET', url: path(badges['*']!.shields) });
      assert.deepEqual(JSON.parse(all.body), { schemaVersion: 1, label: 'Mychecks', message: 'up', color: 'success' });
      assert.equal((await h.app.inject({ method: 'GET', url: `/hc/b/2/${check.badgeKey}.svg` })).statusCode, 200);
      assert.equal((await h.app.inject({ method: 'GET', url: `/b/2/${check.badgeKey}.svg` })).statusCode, 404);
    });
  });
}
