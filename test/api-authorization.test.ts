import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { uniqueKey } from '../src/domain/unique-key.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, reload, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

/**
 * The API knows projects by their keys, so the personas are keys: the owner holds the project's
 * read-write key, a read-only teammate its read-only key, an outsider the read-write key of a
 * project of their own.
 */
type Persona = 'owner' | 'teammate' | 'outsider';
const PERSONAS: Persona[] = ['owner', 'teammate', 'outsider'];

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Builds the path once the check exists (a fresh check per call where the call changes it). */
  path: (code: string) => string;
  body?: Record<string, unknown>;
  expect: Record<Persona, number>;
}

const CHANNEL = '/api/v3/channels/44444444-0000-4000-8000-000000000001';

const CASES: Case[] = [
  { name: 'list checks', method: 'GET', path: () => '/api/v3/checks/', expect: { owner: 200, teammate: 200, outsider: 200 } },
  {
    name: 'create a check',
    method: 'POST',
    path: () => '/api/v3/checks/',
    body: { name: 'made' },
    expect: { owner: 201, teammate: 401, outsider: 201 },
  },
  {
    name: 'get by UUID',
    method: 'GET',
    path: (c) => `/api/v3/checks/${c}`,
    expect: { owner: 200, teammate: 200, outsider: 403 },
  },
  {
    name: 'get by unique key',
    method: 'GET',
    path: (c) => `/api/v3/checks/${uniqueKey(c)}`,
    expect: { owner: 200, teammate: 200, outsider: 404 },
  },
  {
    name: 'update',
    method: 'POST',
    path: (c) => `/api/v3/checks/${c}`,
    body: { name: 'changed' },
    expect: { owner: 200, teammate: 401, outsider: 403 },
  },
  {
    name: 'pause',
    method: 'POST',
    path: (c) => `/api/v3/checks/${c}/pause`,
    expect: { owner: 200, teammate: 401, outsider: 403 },
  },
  {
    name: 'resume',
    method: 'POST',
    path: (c) => `/api/v3/checks/${c}/resume`,
    expect: { owner: 409, teammate: 401, outsider: 403 },
  },
  { name: 'delete', method: 'DELETE', path: (c) => `/api/v3/checks/${c}`, expect: { owner: 200, teammate: 401, outsider: 403 } },
  {
    name: 'list pings',
    method: 'GET',
    path: (c) => `/api/v3/checks/${c}/pings/`,
    expect: { owner: 200, teammate: 401, outsider: 403 },
  },
  {
    name: 'ping body',
    method: 'GET',
    path: (c) => `/api/v3/checks/${c}/pings/1/body`,
    expect: { owner: 200, teammate: 401, outsider: 403 },
  },
  {
    name: 'flips by UUID',
    method: 'GET',
    path: (c) => `/api/v3/checks/${c}/flips/`,
    expect: { owner: 200, teammate: 200, outsider: 403 },
  },
  {
    name: 'flips by unique key',
    method: 'GET',
    path: (c) => `/api/v3/checks/${uniqueKey(c)}/flips/`,
    expect: { owner: 200, teammate: 200, outsider: 404 },
  },
  {
    name: 'list integrations',
    method: 'GET',
    path: () => '/api/v3/channels/',
    expect: { owner: 200, teammate: 401, outsider: 200 },
  },
  { name: 'list badges', method: 'GET', path: () => '/api/v3/badges/', expect: { owner: 200, teammate: 200, outsider: 200 } },
  { name: 'get an integration', method: 'GET', path: () => CHANNEL, expect: { owner: 200, teammate: 200, outsider: 404 } },
  {
    name: 'add an integration',
    method: 'POST',
    path: () => '/api/v3/channels/',
    body: { kind: 'webhook', config: { url_down: 'https://hooks.example.org/down' } },
    expect: { owner: 201, teammate: 401, outsider: 201 },
  },
  {
    name: 'change an integration',
    method: 'PATCH',
    path: () => CHANNEL,
    body: { name: 'ours' },
    expect: { owner: 200, teammate: 401, outsider: 404 },
  },
  {
    name: 'send a test notification',
    method: 'POST',
    path: () => `${CHANNEL}/test`,
    expect: { owner: 200, teammate: 401, outsider: 404 },
  },
  // last: the owner's call removes the integration the cases above use
  { name: 'delete an integration', method: 'DELETE', path: () => CHANNEL, expect: { owner: 200, teammate: 401, outsider: 404 } },
];

for (const dialect of testDialects()) {
  describe(`API authorization: owner, teammate, outsider on every endpoint (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let theirs: TestProject;
    const keyOf = (p: Persona) =>
      p === 'owner' ? project.api_key : p === 'teammate' ? project.api_key_readonly : theirs.api_key;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps, 'ours');
      theirs = await makeProject(h.deps, 'theirs');
      await h.deps.store.db
        .insertInto('channels')
        .values({
          code: '44444444-0000-4000-8000-000000000001',
          name: 'ours',
          kind: 'email',
          project_id: project.projectId,
          created_at: T0,
        })
        .execute();
    });
    after(() => h.close());

    for (const c of CASES) {
      test(c.name, async () => {
        for (const persona of PERSONAS) {
          const check = await makeCheck(h.deps, project, { name: 'subject', tags: 'shared' });
          await h.app.inject({ method: 'POST', url: `/ping/${check.code}`, payload: 'body' });
          const res = await h.app.inject({
            method: c.method,
            url: c.path(check.code),
            headers: { 'x-api-key': keyOf(persona) },
            ...(c.body ? { payload: JSON.stringify(c.body) } : {}),
          });
          assert.equal(res.statusCode, c.expect[persona], `${persona}: ${res.body}`);
          if (persona === 'outsider') {
            // Whatever the outsider may call answers about their own project, never ours.
            assert.equal(res.body.includes(check.code), false);
            assert.equal(res.body.includes('"ours"'), false);
            assert.equal((await reload(h.deps, check.code)).name, 'subject', 'nothing of ours changed');
          }
          if (persona === 'teammate') assert.equal(res.body.includes(check.code), false, 'read-only keys never see a UUID');
        }
      });
    }

    test('the Prometheus endpoint takes only read-only keys, and reports the key’s own project', async () => {
      await makeCheck(h.deps, project, { name: 'metric subject' });
      const url = (key: string) => `/projects/${project.id}/metrics/${key}`;
      assert.equal((await h.app.inject({ url: url(project.api_key) })).statusCode, 403, 'owner’s read-write key');
      const teammate = await h.app.inject({ url: url(project.api_key_readonly) });
      assert.equal(teammate.statusCode, 200);
      assert.match(teammate.body, /metric subject/);
      const outsider = await h.app.inject({ url: url(theirs.api_key_readonly) });
      assert.equal(outsider.statusCode, 200);
      assert.doesNotMatch(outsider.body, /metric subject/, 'the path’s project UUID grants nothing');
    });
  });
}
