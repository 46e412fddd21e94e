import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Check } from '../../src/domain/check.js';
import { testDialects } from '../support/databases.js';
import { makeCheck, reload } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { webClient } from '../support/web-client.js';
import { personas, type Personas } from './checks-personas.js';

/** Every form of the checks pages, with a body that would be valid. */
function mutatingForms(projectCode: string, check: Check): Array<[string, Record<string, string>]> {
  const list = `/projects/${projectCode}/checks/`;
  const page = `${list}${check.code}/`;
  return [
    [`${list}add/`, {}],
    [`${list}slugs/`, { show_slugs: '1' }],
    [`${page}name/`, { name: 'renamed', slug: '', tags: '', desc: '' }],
    [`${page}schedule/`, { kind: 'simple', timeout_value: '1', timeout_unit: 'hours', grace_value: '1', grace_unit: 'hours' }],
    [`${page}filters/`, { methods: 'POST' }],
    [`${page}pause/`, {}],
    [`${page}resume/`, {}],
    [`${page}ping/`, {}],
    [`${page}clear/`, {}],
    [`${page}remove/`, {}],
  ];
}

for (const dialect of testDialects()) {
  describe(`checks pages: who may do what (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let check: Check;
    before(async () => {
      h = await makeHarness(dialect);
      p = await personas(h.deps, h.app);
      check = await makeCheck(h.deps, p.project, { name: 'guarded', status: 'paused' });
    });
    after(() => h.close());

    test('every form refuses a post without its CSRF token, and changes nothing', async () => {
      await p.owner.get(`/projects/${p.project.id}/checks/`);
      for (const [url, form] of mutatingForms(p.project.id, check)) {
        const res = await p.owner.post(url, { ...form, _csrf: '' });
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /The form expired or did not come from this site/, url);
      }
      const stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.name, stored.status, stored.nPings], ['guarded', 'paused', 0]);
    });

    test('read-only members may look but every form answers 403', async () => {
      const page = await p.readOnly.get(`/projects/${p.project.id}/checks/${check.code}/`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /You have read-only access to this project/);
      assert.doesNotMatch(page.body, /Danger zone|Ping now/);
      assert.match(page.body, /<fieldset class="plain" disabled>/);
      for (const [url, form] of mutatingForms(p.project.id, check)) {
        assert.equal((await p.readOnly.post(url, form)).statusCode, 403, url);
      }
      const stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.name, stored.status, stored.nPings], ['guarded', 'paused', 0]);
      const project = await h.deps.store.db
        .selectFrom('projects')
        .select('show_slugs')
        .where('id', '=', p.project.projectId)
        .executeTakeFirstOrThrow();
      assert.equal(project.show_slugs, 0);
    });

    test('outsiders get 404 for every page and form, as if the project did not exist', async () => {
      const list = `/projects/${p.project.id}/checks/`;
      const page = `${list}${check.code}/`;
      for (const url of [
        list,
        `${list}status/`,
        page,
        `${page}log/`,
        `${page}preview/`,
        `${page}pings/1/`,
        `/checks/${check.code}/details/`,
      ]) {
        assert.equal((await p.outsider.get(url)).statusCode, 404, url);
      }
      await p.outsider.get('/projects/00000000-0000-4000-8000-000000000000/checks/');
      for (const [url, form] of mutatingForms(p.project.id, check)) {
        assert.equal((await p.outsider.post(url, form)).statusCode, 404, url);
      }
      assert.equal((await reload(h.deps, check.code)).name, 'guarded');
    });

    test('anonymous visitors are sent to the login page', async () => {
      const anonymous = webClient(h.app);
      const page = `/projects/${p.project.id}/checks/${check.code}/`;
      const res = await anonymous.get(page);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/accounts/login/?next=${encodeURIComponent(page)}`);
    });

    test('a member with write access may use every form', async () => {
      await p.member.get(`/projects/${p.project.id}/checks/`);
      for (const [url, form] of mutatingForms(p.project.id, check)) {
        const res = await p.member.post(url, form);
        assert.equal(res.statusCode, 303, `${url}: ${res.body.slice(0, 200)}`);
      }
      assert.equal(
        await h.deps.store.db.selectFrom('checks').select('id').where('id', '=', check.id).executeTakeFirst(),
        undefined,
      );
    });
  });
}
