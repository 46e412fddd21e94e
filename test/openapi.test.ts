import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { parse } from 'lossless-json';
import { canonicalTimezone } from '../src/domain/timezones.js';
import { uniqueKey } from '../src/domain/unique-key.js';
import { CHECK_FIELDS } from '../src/http/api/check-fields.js';
import { checkInput } from '../src/http/api/check-input.js';
import { openApiDocument } from '../src/http/api/openapi.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };

const DOC = openApiDocument({ siteRoot: 'http://localhost:8000' }) as unknown as Doc;
const BASE = 'https://watchpost.test/schemas/';

/**
 * Ajv (2020-12, OpenAPI 3.1's dialect) over the document's component schemas. The formats that
 * JSON Schema can only name are accepted as any string, which is what a generic client does.
 */
function schemaValidator(doc: Doc) {
  // strictRequired would refuse the check kinds' `oneOf: [{required: [timeout]}, …]`, whose
  // properties are declared beside the `oneOf` rather than in each branch.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('cron-or-oncalendar', true).addFormat('iana-timezone', true);
  const rebase = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${BASE}`)) as T;
  for (const [name, schema] of Object.entries(doc.components.schemas!)) ajv.addSchema({ ...rebase(schema), $id: BASE + name });
  return {
    named: (name: string) => ajv.getSchema(BASE + name) as ValidateFunction,
    compile: (schema: Json) => ajv.compile(rebase(schema)),
  };
}

/** Both sides of the agreement: the schema on `JSON.parse`d text, `checkInput` on what the server parses. */
function verdicts(bodyText: string, validateBody: ValidateFunction) {
  const schema = validateBody(JSON.parse(bodyText));
  let server = true;
  try {
    checkInput(parse(bodyText) as Json);
  } catch {
    server = false;
  }
  return { schema, server };
}

describe('OpenAPI document', () => {
  test('validates as OpenAPI 3.1, every $ref resolves and every schema compiles strictly', async () => {
    const result = await new Validator().validate(DOC);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    const refs = JSON.stringify(DOC).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const ref of new Set(refs)) {
      const pointer = (JSON.parse(`{${ref}}`) as { $ref: string }).$ref.replace(/^#\//, '').split('/');
      assert.ok(
        pointer.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], DOC),
        ref,
      );
    }
    const { named, compile } = schemaValidator(DOC);
    for (const name of Object.keys(DOC.components.schemas!)) assert.ok(named(name), name);
    for (const [path, item] of Object.entries(DOC.paths)) {
      for (const [method, op] of Object.entries(item)) {
        assert.ok(op.operationId, `${method} ${path} has an operationId`);
        const media = [op.requestBody, ...Object.values(op.responses as Json)].flatMap((r) =>
          Object.values(((r as Json | undefined)?.content ?? {}) as Record<string, { schema: Json }>),
        );
        for (const { schema } of media) compile(schema);
      }
    }
  });

  test('documents every field of the validation table, nothing else but api_key', () => {
    const body = DOC.components.schemas!.CheckBody as { properties: Json };
    assert.deepEqual(Object.keys(body.properties), [...Object.keys(CHECK_FIELDS), 'api_key']);
  });

  describe('the create/update body schema agrees with checkInput', () => {
    const validateBody = schemaValidator(DOC).named('CheckBody');
    const long = (n: number, c = 'x') => JSON.stringify(c.repeat(n));
    const accepted = [
      '{}',
      '{"name": ""}',
      `{"name": ${long(100)}}`,
      `{"name": ${long(100, '😀')}}`,
      `{"slug": "a-b_c1", "tags": ${long(1000)}, "desc": ${long(5000)}}`,
      '{"timeout": 60, "grace": 31536000}',
      '{"schedule": ""}',
      '{"schedule": "   "}',
      '{"schedule": "*/5 * * * *", "tz": "Europe/Riga"}',
      '{"schedule": "Mon *-*-* 12:34", "tz": "Europe/Kiev"}',
      `{"schedule": ${JSON.stringify(`${'1,'.repeat(45)}1 * * * *`)}}`,
      '{"methods": ""}',
      '{"methods": "POST"}',
      '{"unique": []}',
      '{"unique": ["name", "name"]}',
      '{"unique": ["name", "slug", "tags", "timeout", "grace"]}',
      '{"channels": "*"}',
      '{"channels": ","}',
      `{"subject": ${long(200)}, "subject_fail": "", "start_kw": ${long(200)}}`,
      '{"manual_resume": false, "filter_subject": true, "filter_body": false, "filter_http_body": true, "filter_default_fail": false}',
      '{"api_key": 12345, "unknown": null, "also": [1, 2]}',
    ];
    const rejected = [
      '{"timeout": 59}',
      '{"timeout": 31536001}',
      '{"timeout": -60}',
      '{"timeout": 3600.5}',
      '{"timeout": 1e30}',
      '{"timeout": 99999999999999999999999999999999}',
      '{"timeout": "60"}',
      '{"timeout": true}',
      '{"grace": false}',
      '{"grace": {}}',
      `{"name": ${long(101)}}`,
      `{"name": ${long(101, '😀')}}`,
      '{"name": 5}',
      '{"slug": "Upper"}',
      '{"slug": "look spaces"}',
      '{"slug": "trailing\\n"}',
      `{"slug": ${long(101)}}`,
      `{"start_kw": ${long(201)}}`,
      `{"subject_fail": ${long(201)}}`,
      `{"schedule": ${long(101, ' ')}}`,
      '{"schedule": 5}',
      '{"tz": 0}',
      '{"methods": "GET"}',
      '{"methods": "post"}',
      '{"methods": 0}',
      '{"unique": "name"}',
      '{"unique": {}}',
      '{"unique": [null]}',
      '{"unique": ["status"]}',
      '{"manual_resume": 1}',
      '{"filter_body": "true"}',
      '{"channels": ["a"]}',
      // A valid field does not excuse an invalid one, whatever the order.
      '{"timeout": 60, "name": 5}',
      ...Object.keys(CHECK_FIELDS).map((field) => `{"${field}": null}`),
    ];
    /**
     * What JSON Schema cannot say, documented in `format` and `description` instead: the schema
     * accepts these and the server refuses them. This list is the whole of the difference.
     */
    const beyondJsonSchema = [
      '{"schedule": "bad-expression"}', // format cron-or-oncalendar
      '{"schedule": "* * * * * *"}',
      '{"schedule": "12:34\\nsurprise"}',
      '{"tz": "Mars/Olympus"}', // format iana-timezone
      '{"tz": "europe/riga"}',
      '{"timeout": 3600.0}', // a JSON integer literal: JSON Schema's integer is any whole number
      '{"grace": 6e1}',
    ];

    test('bodies the schema accepts are accepted', () => {
      for (const body of accepted) assert.deepEqual(verdicts(body, validateBody), { schema: true, server: true }, body);
    });

    test('bodies the schema rejects are rejected', () => {
      for (const body of rejected) assert.deepEqual(verdicts(body, validateBody), { schema: false, server: false }, body);
    });

    test('only invalid schedules and time zones, and integer-valued non-integer literals, pass the schema alone', () => {
      for (const body of beyondJsonSchema) {
        assert.deepEqual(verdicts(body, validateBody), { schema: true, server: false }, body);
      }
    });

    test('agree on generated bodies', () => {
      const anyJson = fc.oneof(
        fc.string({ maxLength: 5 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.constantFrom('name', 'slug', 'tags', 'timeout', 'grace', 'status'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 1 }),
      );
      // Mostly values near the rules' edges, so that many bodies pass every other field too.
      const SCHEDULES = ['', ' ', '0 * * * *', '12:34', ' '.repeat(101)];
      const mostly = (edge: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: edge, weight: 6 }, { arbitrary: anyJson, weight: 1 });
      // Code points, not UTF-16 units: astral characters count once on both sides.
      const text = (maxLength: number) =>
        mostly(fc.string({ unit: 'binary', minLength: maxLength - 3, maxLength: maxLength + 1 }));
      const anyText = mostly(fc.string({ unit: 'binary', maxLength: 8 }));
      const flag = mostly(fc.boolean());
      const seconds = mostly(fc.oneof(fc.integer({ min: 55, max: 65 }), fc.integer({ min: 31_535_995, max: 31_536_005 })));
      // Schedules and time zones are valid strings or not strings: their string validity is
      // the part excluded above.
      const fields: Record<string, fc.Arbitrary<unknown>> = {
        channels: anyText,
        desc: anyText,
        failure_kw: text(200),
        filter_subject: flag,
        filter_body: flag,
        filter_http_body: flag,
        filter_default_fail: flag,
        grace: seconds,
        manual_resume: flag,
        methods: mostly(fc.constantFrom('', 'POST', 'GET', 'post')),
        name: text(100),
        // Strings only from the list: a random string is rarely a schedule, and the document can
        // only name the format (the schema-alone subtest covers what it lets through).
        schedule: mostly(fc.constantFrom(...SCHEDULES)).filter((v) => typeof v !== 'string' || SCHEDULES.includes(v)),
        slug: mostly(fc.oneof(fc.stringMatching(/^[a-z0-9_A -]{0,3}$/), fc.stringMatching(/^[a-z]{99,101}$/))),
        start_kw: text(200),
        subject: text(200),
        subject_fail: text(200),
        success_kw: text(200),
        tags: anyText,
        timeout: seconds,
        tz: mostly(fc.constantFrom('UTC', 'Asia/Calcutta', 'Europe/Kyiv')).filter(
          (v) => typeof v !== 'string' || canonicalTimezone(v) !== null,
        ),
        unique: mostly(fc.array(fc.constantFrom('name', 'slug', 'tags', 'timeout', 'grace', 'status', null), { maxLength: 3 })),
      };
      // A few fields at a time, so that a fair share of bodies is valid throughout.
      const body = fc
        .subarray(Object.keys(fields), { maxLength: 4 })
        .chain((keys) => fc.record(Object.fromEntries(keys.map((key) => [key, fields[key]!]))));
      let accepted = 0;
      fc.assert(
        fc.property(body, (value) => {
          const { schema, server } = verdicts(JSON.stringify(value), validateBody);
          assert.equal(schema, server, JSON.stringify(value));
          if (server) accepted++;
        }),
        { numRuns: 2000 },
      );
      assert.ok(accepted > 100, `only ${accepted} generated bodies were valid`);
    });
  });
});

for (const dialect of testDialects()) {
  describe(`OpenAPI document and the server (${dialect})`, () => {
    let h: Harness;
    let own: TestProject;
    let other: TestProject;
    let doc: Doc;
    let schemas: ReturnType<typeof schemaValidator>;
    before(async () => {
      h = await makeHarness(dialect);
      own = await makeProject(h.deps, 'Own');
      other = await makeProject(h.deps, 'Other');
      const res = await h.app.inject({ url: '/api/v3/openapi.json' });
      doc = res.json<Doc>();
      schemas = schemaValidator(doc);
    });
    after(() => h.close());

    type Method = 'GET' | 'POST' | 'DELETE';
    const call = (method: Method, url: string, key: string | null = own.api_key, payload?: string) =>
      h.app.inject({ method, url: `/api/v3${url}`, payload, headers: key === null ? {} : { 'x-api-key': key } });

    /** The answer is one the document describes for this operation: status, media type and schema. */
    function assertDocumented(res: LightMyRequestResponse, path: string, method: string): void {
      const where = `${method} ${path} → ${res.statusCode}`;
      let response = (doc.paths[path]?.[method.toLowerCase()]?.responses as Record<string, Json> | undefined)?.[
        String(res.statusCode)
      ];
      assert.ok(response, `${where} is documented`);
      if (typeof response.$ref === 'string') response = doc.components.responses![response.$ref.split('/').at(-1)!]!;
      const content = response.content as Record<string, { schema: Json }> | undefined;
      if (!content) return assert.equal(res.body, '', `${where} has an empty body`);
      const mediaType = String(res.headers['content-type']).split(';')[0]!;
      const media = content[mediaType];
      assert.ok(media, `${where} is documented as ${mediaType}`);
      if (mediaType !== 'application/json') return;
      const validate = schemas.compile(media.schema);
      assert.ok(validate(res.json()), `${where}: ${JSON.stringify(validate.errors)}\n${res.body}`);
    }

    test('is served without a key, with CORS, for v3 only', async () => {
      const res = await call('GET', '/openapi.json', null);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.deepEqual(doc, JSON.parse(JSON.stringify(openApiDocument(h.deps.config))));
      assert.deepEqual((doc as unknown as { servers: unknown }).servers, [{ url: `${h.deps.config.siteRoot}/api/v3` }]);
      assert.equal((await h.app.inject({ method: 'OPTIONS', url: '/api/v3/openapi.json' })).statusCode, 204);
      assert.equal((await h.app.inject({ url: '/api/v1/openapi.json' })).statusCode, 404);
    });

    test('every documented operation is served', async () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const method of Object.keys(item)) {
          const url = path.replace('{id}', '07c2f548-9850-4b27-af5d-6c9dc157ec02').replace('{n}', '1');
          const res = await call(method.toUpperCase() as Method, url, null);
          assert.notEqual(res.statusCode, 405, `${method} ${path}`);
          assert.doesNotMatch(res.body, /Route .* not found/, `${method} ${path}`);
        }
      }
    });

    test('check objects of both key kinds and both check kinds match their schemas', async () => {
      const simple = await call('POST', '/checks/', own.api_key, JSON.stringify({ name: 'Simple', tags: 'a b', timeout: 600 }));
      assert.equal(simple.statusCode, 201);
      assertDocumented(simple, '/checks/', 'POST');
      const cron = await call('POST', '/checks/', own.api_key, JSON.stringify({ schedule: '5 4 * * *', tz: 'Asia/Calcutta' }));
      assertDocumented(cron, '/checks/', 'POST');
      const upsert = await call('POST', '/checks/', own.api_key, JSON.stringify({ name: 'Simple', unique: ['name'] }));
      assert.equal(upsert.statusCode, 200);
      assertDocumented(upsert, '/checks/', 'POST');
      const running = await makeCheck(h.deps, own, {
        kind: 'oncalendar',
        schedule: '12:34',
        status: 'up',
        last_ping_at: T0,
        last_start_at: T0,
        last_duration_ms: 75_500,
        n_pings: 3,
      });
      for (const key of [own.api_key, own.api_key_readonly]) {
        const list = await call('GET', '/checks/?tag=a', key);
        assert.equal(list.json<{ checks: unknown[] }>().checks.length, 1);
        assertDocumented(list, '/checks/', 'GET');
        assertDocumented(await call('GET', '/checks/', key), '/checks/', 'GET');
        for (const id of [running.code, uniqueKey(running.code), simple.json<Json>().uuid as string]) {
          assertDocumented(await call('GET', `/checks/${id}`, key), '/checks/{id}', 'GET');
        }
      }
      const ro = (await call('GET', `/checks/${running.code}`, own.api_key_readonly)).json<Json>();
      assert.deepEqual([ro.unique_key, ro.last_duration, 'uuid' in ro], [uniqueKey(running.code), 75, false]);
    });

    test('updates, pauses, resumes, deletes and their errors match the document', async () => {
      const check = await makeCheck(h.deps, own);
      const theirs = await makeCheck(h.deps, other);
      const at = `/checks/${check.code}`;
      assertDocumented(await call('POST', at, own.api_key, '{"desc": "x", "channels": ""}'), '/checks/{id}', 'POST');
      for (const [payload, key] of [
        ['{"timeout": 3600.0}', own.api_key],
        ['[1]', own.api_key],
        ['{"channels": "nope"}', own.api_key],
        ['{}', null],
        ['{}', own.api_key_readonly],
      ] as const) {
        const res = await call('POST', at, key, payload);
        assert.ok([400, 401].includes(res.statusCode), payload);
        assertDocumented(res, '/checks/{id}', 'POST');
      }
      assertDocumented(await call('POST', `/checks/${theirs.code}`, own.api_key, '{}'), '/checks/{id}', 'POST');
      assertDocumented(
        await call('POST', '/checks/07c2f548-9850-4b27-af5d-6c9dc157ec02', own.api_key, '{}'),
        '/checks/{id}',
        'POST',
      );
      assertDocumented(await call('POST', `/checks/${uniqueKey(check.code)}`, own.api_key, '{}'), '/checks/{id}', 'POST');
      assertDocumented(await call('GET', `/checks/${theirs.code}`), '/checks/{id}', 'GET');
      assertDocumented(await call('POST', `${at}/resume`), '/checks/{id}/resume', 'POST');
      assertDocumented(
        await call('POST', `${at}/pause`, null, JSON.stringify({ api_key: own.api_key })),
        '/checks/{id}/pause',
        'POST',
      );
      assertDocumented(await call('POST', `${at}/pause`, own.api_key, '123'), '/checks/{id}/pause', 'POST');
      assertDocumented(await call('POST', `${at}/resume`), '/checks/{id}/resume', 'POST');
      const flips = await call('GET', `${at}/flips/?seconds=3600`, own.api_key_readonly);
      assert.equal(flips.json<{ flips: unknown[] }>().flips.length, 2);
      assertDocumented(flips, '/checks/{id}/flips/', 'GET');
      assertDocumented(await call('GET', `/checks/${uniqueKey(check.code)}/flips/`), '/checks/{id}/flips/', 'GET');
      assertDocumented(await call('GET', `${at}/flips/?start=soon`), '/checks/{id}/flips/', 'GET');
      assertDocumented(await call('DELETE', at), '/checks/{id}', 'DELETE');
      assertDocumented(await call('DELETE', at), '/checks/{id}', 'DELETE');
    });

    test('pings, a ping body, integrations, badges and status match the document', async () => {
      const check = await makeCheck(h.deps, own, { tags: 'db prod' });
      await h.app.inject({ url: `/ping/${check.code}/start?rid=0a8f9d5e-1c2b-4d3e-8f4a-5b6c7d8e9f01` });
      h.clock.advance(1_234);
      await h.app.inject({
        method: 'POST',
        url: `/ping/${check.code}?rid=0a8f9d5e-1c2b-4d3e-8f4a-5b6c7d8e9f01`,
        payload: 'done',
      });
      await h.recorder.drain();
      const pings = await call('GET', `/checks/${check.code}/pings/`);
      assert.equal(pings.json<{ pings: unknown[] }>().pings.length, 2);
      assertDocumented(pings, '/checks/{id}/pings/', 'GET');
      assertDocumented(await call('GET', `/checks/${check.code}/pings/`, own.api_key_readonly), '/checks/{id}/pings/', 'GET');
      const body = await call('GET', `/checks/${check.code}/pings/2/body`);
      assert.equal(body.body, 'done');
      assertDocumented(body, '/checks/{id}/pings/{n}/body', 'GET');
      assertDocumented(await call('GET', `/checks/${check.code}/pings/1/body`), '/checks/{id}/pings/{n}/body', 'GET');

      await h.deps.store.db
        .insertInto('channels')
        .values({
          code: '11111111-0000-4000-8000-000000000001',
          name: 'ops',
          project_id: own.projectId,
          kind: 'email',
          created_at: T0,
        })
        .execute();
      assertDocumented(await call('GET', '/channels/'), '/channels/', 'GET');
      assertDocumented(await call('GET', '/channels/', own.api_key_readonly), '/channels/', 'GET');
      const badges = await call('GET', '/badges/', own.api_key_readonly);
      assert.ok('db' in badges.json<{ badges: Json }>().badges);
      assertDocumented(badges, '/badges/', 'GET');
      assertDocumented(await call('GET', '/badges/', 'x'.repeat(31)), '/badges/', 'GET');
      assertDocumented(await call('GET', '/status/', null), '/status/', 'GET');
    });
  });
}
