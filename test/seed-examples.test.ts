import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';
import { SEEDS_DIR, seedExampleObjects, seedFiles, shapeDifferences } from './support/seed-examples.js';

type Json = Record<string, unknown>;

/** The Healthchecks pages among the seeds, and the API version their examples use. */
const HEALTHCHECKS_SEEDS = seedFiles()
  .map((file) => ({ file, version: /api\/v([123])\//.exec(readFileSync(`${SEEDS_DIR}${file}`, 'utf8'))?.[1] }))
  .filter((s): s is { file: string; version: string } => s.version !== undefined);

const isCheckObject = (o: Json) => 'grace' in o && 'status' in o && 'n_pings' in o;
const isRequestBody = (o: Json) =>
  !isCheckObject(o) &&
  !['checks', 'pings', 'flips', 'channels', 'badges', 'timestamp', 'type', 'id'].some((k) => k in o && typeof o[k] !== 'string');

for (const dialect of testDialects()) {
  describe(`the seed pages' examples against Watchpost (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let simpleCode: string;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
      // The integrations the pages' examples name, by UUID and by name.
      const channels: Array<[string, string]> = [
        ['4ec5a071-2d08-4baa-898a-eb4eb3cd6941', 'Email to Alice'],
        ['746a083e-f542-4554-be1a-707ce16d3acc', 'SMS to Alice'],
      ];
      for (const [code, name] of channels) {
        await h.deps.store.db
          .insertInto('channels')
          .values({ code, name, kind: 'email', project_id: project.projectId, created_at: T0 })
          .execute();
      }
      const simple = await makeCheck(h.deps, project, {
        name: 'Backups',
        tags: 'prod www',
        status: 'up',
        last_ping_at: T0,
        last_duration_ms: 12_000,
      });
      simpleCode = simple.code;
      await makeCheck(h.deps, project, { name: 'Database Backup', tags: 'production db', kind: 'cron', schedule: '15 5 * * *' });
      await h.app.inject({ url: `/ping/${simple.code}/start?rid=aaaaaaaa-0000-4000-8000-000000000000` });
      h.clock.advance(10_000);
      await h.app.inject({
        method: 'POST',
        url: `/ping/${simple.code}?rid=aaaaaaaa-0000-4000-8000-000000000000`,
        payload: 'done',
      });
      await h.app.inject({ url: `/ping/${simple.code}/fail` });
    });
    after(() => h.close());

    const get = async (url: string, key = project.api_key) => {
      const res = await h.app.inject({ url, headers: { 'x-api-key': key } });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json<Json>();
    };

    for (const { file, version } of HEALTHCHECKS_SEEDS) {
      test(`${file}: every example response key is in ours, with the same type (v${version})`, async () => {
        const api = `/api/v${version}`;
        const list = (await get(`${api}/checks/`)).checks as Json[];
        const readOnly = (await get(`${api}/checks/`, project.api_key_readonly)).checks as Json[];
        const problems: string[] = [];
        for (const example of seedExampleObjects(file)) {
          if (isCheckObject(example)) {
            const shape = 'unique_key' in example ? readOnly : list;
            const mine = shape.find((c) => ('schedule' in example ? 'schedule' in c : 'timeout' in c))!;
            problems.push(...shapeDifferences(example, mine, 'check.'));
          } else if (Array.isArray(example.pings)) {
            const pings = (await get(`${api}/checks/${simpleCode}/pings/`)).pings as Json[];
            for (const p of example.pings as Json[])
              problems.push(...shapeDifferences(p, pings.find((x) => 'duration' in x) ?? pings[0]!, 'ping.'));
          } else if (Array.isArray(example.flips) || 'timestamp' in example) {
            const flips = (await get(`${api}/checks/${simpleCode}/flips/`)).flips as Json[];
            const examples = Array.isArray(example.flips) ? (example.flips as Json[]) : [example];
            for (const f of examples) problems.push(...shapeDifferences(f, flips[0]!, 'flip.'));
          } else if (Array.isArray(example.channels)) {
            const channels = (await get(`${api}/channels/`)).channels as Json[];
            for (const c of example.channels as Json[]) problems.push(...shapeDifferences(c, channels[0]!, 'channel.'));
          } else if (example.badges && typeof example.badges === 'object') {
            const badges = (await get(`${api}/badges/`)).badges as Record<string, Json>;
            for (const entry of Object.values(example.badges as Record<string, Json>))
              problems.push(...shapeDifferences(entry, badges['*']!, 'badge.'));
          }
        }
        assert.deepEqual(problems, []);
      });

      test(`${file}: every example request body is accepted (v${version})`, async () => {
        // The v1 page's "every half-hour" example lost two asterisks to Markdown italics when it
        // was republished ("0,30 * * * *" became "0,30 *  * "); Healthchecks rejects it too.
        const bodies = seedExampleObjects(file).filter((o) => isRequestBody(o) && o.schedule !== '0,30 *  * ');
        assert.ok(bodies.length > 0);
        for (const body of bodies) {
          const res = await h.app.inject({
            method: 'POST',
            url: `/api/v${version}/checks/`,
            payload: JSON.stringify({ ...body, api_key: project.api_key }),
          });
          assert.ok([200, 201].includes(res.statusCode), `${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
        }
      });
    }
  });
}
