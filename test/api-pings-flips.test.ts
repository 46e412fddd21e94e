import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Insertable } from 'kysely';
import type { Check } from '../src/domain/check.js';
import { uniqueKey } from '../src/domain/unique-key.js';
import type { FlipsTable, PingsTable } from '../src/store/schema.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const RID_A = '0a8f9d5e-1c2b-4d3e-8f4a-5b6c7d8e9f01';
const RID_B = '1b9e8c4d-2d3c-4e4f-9a5b-6c7d8e9f0a12';
const UNKNOWN_UUID = '07c2f548-9850-4b27-af5d-6c9dc157ec02';
const PING_KEYS = ['type', 'date', 'n', 'scheme', 'remote_addr', 'method', 'ua', 'rid', 'body_url'];

type PingRow = Omit<Insertable<PingsTable>, 'check_id'>;
type FlipRow = Omit<Insertable<FlipsTable>, 'check_id'>;

interface PingJson {
  type: string;
  date: string;
  n: number;
  rid: string | null;
  body_url: string | null;
  duration?: number;
  [key: string]: unknown;
}

for (const dialect of testDialects()) {
  describe(`API: pings, ping bodies and flips (${dialect})`, () => {
    let h: Harness;
    let own: TestProject;
    let other: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      own = await makeProject(h.deps, 'Own');
      other = await makeProject(h.deps, 'Other');
    });
    after(() => h.close());

    type Method = 'GET' | 'POST' | 'HEAD' | 'OPTIONS' | 'DELETE';
    const get = (url: string, key: string | null = own.api_key, method: Method = 'GET') =>
      h.app.inject({ method, url, headers: key === null ? {} : { 'x-api-key': key } });
    const listPings = async (check: Check, version = 3) => {
      const res = await get(`/api/v${version}/checks/${check.code}/pings/`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ pings: PingJson[] }>().pings;
    };
    /** Status, body and CORS origin of an answer (`none` when the CORS headers are absent). */
    const answer = async (url: string, key: string | null = own.api_key, method: Method = 'GET') => {
      const res = await get(url, key, method);
      return [res.statusCode, res.body, res.headers['access-control-allow-origin'] ?? 'none'];
    };
    const jsonOf = async (url: string, key: string | null = own.api_key) => {
      const res = await get(url, key);
      return [res.statusCode, res.json<unknown>()];
    };
    /** `n:duration` newest first, `-` where there is no duration key. */
    const durations = async (check: Check) => (await listPings(check)).map((p) => `${p.n}:${p.duration ?? '-'}`).join(' ');
    const runId = (i: number) => `${RID_A.slice(0, -2)}${String(i).padStart(2, '0')}`;
    const ping = async (check: Check, suffix = '', init: { method?: 'GET' | 'POST'; body?: string | Buffer } = {}) => {
      const res = await h.app.inject({ method: init.method ?? 'GET', url: `/ping/${check.code}${suffix}`, payload: init.body });
      assert.equal(res.statusCode, 200, res.body);
    };
    /** From T0: a string pings with that URL suffix, a number moves the clock on by that many ms. */
    const pingSeries = async (check: Check, ...steps: (string | number)[]) => {
      h.clock.set(T0);
      for (const step of steps) {
        if (typeof step === 'number') h.clock.advance(step);
        else await ping(check, step);
      }
    };
    const numbered = (count: number, row: (n: number) => Omit<PingRow, 'n'>): PingRow[] =>
      Array.from({ length: count }, (_, i) => ({ n: i + 1, ...row(i + 1) }));
    /** Stores pings directly (n and created_at given) and moves the check's counter along. */
    const insertPings = async (check: Check, rows: PingRow[]) => {
      await h.deps.store.db
        .insertInto('pings')
        .values(rows.map((row) => ({ ...row, check_id: check.id })))
        .execute();
      const nPings = Math.max(...rows.map((r) => r.n));
      await h.deps.store.db.updateTable('checks').set({ n_pings: nPings }).where('id', '=', check.id).execute();
    };
    const insertFlips = async (check: Check, rows: FlipRow[]) => {
      await h.deps.store.db
        .insertInto('flips')
        .values(rows.map((row) => ({ reason: '', ...row, check_id: check.id })))
        .execute();
    };
    /** The owner's ping log limit, for one test (both projects share the owner). */
    const withPingLogLimit = async (limit: number, run: () => Promise<void>) => {
      await h.deps.store.db.updateTable('users').set({ ping_log_limit: limit }).execute();
      try {
        await run();
      } finally {
        await h.deps.store.db.updateTable('users').set({ ping_log_limit: null }).execute();
      }
    };

    describe('list pings', () => {
      test('lists every kind newest first, in the shape of §1.11 (item 139)', async () => {
        const check = await makeCheck(h.deps, own, { methods: 'POST' });
        h.clock.set(T0);
        await ping(check, '/start', { method: 'POST' });
        h.clock.advance(1_123);
        await ping(check, '', { method: 'POST', body: 'all good' });
        h.clock.advance(1_000);
        await ping(check, '/log', { method: 'POST' });
        await ping(check, '/fail', { method: 'POST' });
        await ping(check); // a GET where only POST counts: ignored
        const pings = await listPings(check);
        assert.equal(pings.map((p) => `${p.n}:${p.type}`).join(' '), '5:ign 4:fail 3:log 2:success 1:start');
        const success = pings[3]!;
        assert.deepEqual(Object.keys(success), [...PING_KEYS, 'duration']);
        assert.deepEqual(success, {
          type: 'success',
          date: '2026-01-05T10:00:01.123000+00:00',
          n: 2,
          scheme: 'http',
          remote_addr: '127.0.0.1',
          method: 'POST',
          ua: 'lightMyRequest',
          rid: null,
          body_url: `http://localhost:8000/api/v3/checks/${check.code}/pings/2/body`,
          duration: 1.12,
        });
        assert.deepEqual(Object.keys(pings[4]!), PING_KEYS);
        assert.equal(pings[4]!.date, '2026-01-05T10:00:00+00:00', 'no fraction on a whole second');
        assert.equal(pings[0]!.method, 'GET');
        assert.equal(pings[0]!.body_url, null);
        assert.equal('exit_status' in pings[1]! || 'exitstatus' in pings[1]!, false, 'exit status is not exposed');
      });

      test('answers with CORS headers, with and without the trailing slash', async () => {
        const check = await makeCheck(h.deps, own);
        await ping(check);
        for (const url of [`/api/v3/checks/${check.code}/pings/`, `/api/v1/checks/${check.code}/pings`]) {
          const res = await get(url);
          assert.equal(res.statusCode, 200, url);
          assert.match(String(res.headers['content-type']), /^application\/json/);
          assert.equal(res.headers['access-control-allow-origin'], '*');
          assert.equal(res.headers['access-control-allow-headers'], 'X-Api-Key');
          assert.equal(res.headers['access-control-allow-methods'], 'GET, OPTIONS');
          assert.equal(res.headers['access-control-max-age'], '600');
          assert.equal(res.json<{ pings: unknown[] }>().pings.length, 1);
        }
      });

      test('a check without pings lists none', async () => {
        assert.deepEqual(await listPings(await makeCheck(h.deps, own)), []);
      });

      test('pairs starts and completions by run ID (item 141)', async () => {
        const check = await makeCheck(h.deps, own);
        await pingSeries(
          check,
          `/start?rid=${RID_A}`,
          MIN,
          `/start?rid=${RID_B}`,
          MIN,
          `?rid=${RID_A}`,
          4 * MIN,
          `?rid=${RID_B}`,
        );
        assert.equal(await durations(check), '4:300 3:120 2:- 1:-');
        assert.deepEqual(
          (await listPings(check)).map((p) => p.rid),
          [RID_B, RID_A, RID_B, RID_A],
        );
      });

      test('without run IDs a completion pairs with the latest start, skipping log and ignored pings', async () => {
        const check = await makeCheck(h.deps, own);
        await pingSeries(check, '/start', 30_000, '/log', 30_000, '/fail', MIN, '', MIN, '/start', 1_234, '/0');
        assert.equal(await durations(check), '6:1.23 5:- 4:- 3:60 2:- 1:-');
      });

      test('a start with a different run ID gives no duration', async () => {
        const check = await makeCheck(h.deps, own);
        await pingSeries(check, `/start?rid=${RID_A}`, MIN, '', MIN, `?rid=${RID_B}`);
        assert.equal(await durations(check), '3:- 2:- 1:-');
      });

      test('a start 72 hours or more before its completion gives no duration', async () => {
        const check = await makeCheck(h.deps, own);
        await pingSeries(check, '/start', 72 * HOUR, '', '/start', 72 * HOUR - 1_000, '');
        assert.equal(await durations(check), `4:${72 * 3600 - 1} 3:- 2:- 1:-`);
      });

      test('11 completions of unknown runs and no starts: no duration key at all (item 142)', async () => {
        const check = await makeCheck(h.deps, own);
        await pingSeries(check, ...Array.from({ length: 11 }, (_, i) => `?rid=${runId(i)}`));
        assert.equal(await durations(check), '11:- 10:- 9:- 8:- 7:- 6:- 5:- 4:- 3:- 2:- 1:-');
      });

      test('more than 10 lookups for unknown runs omit even the durations the window knows', async () => {
        const check = await makeCheck(h.deps, own);
        await pingSeries(check, '/start', MIN, '', ...Array.from({ length: 10 }, (_, i) => `?rid=${runId(i)}`));
        assert.match(await durations(check), / 2:60 1:-$/, '10 lookups (n=1 not among them) still show');
        await ping(check, `?rid=${RID_B}`);
        assert.doesNotMatch(await durations(check), /\d:\d/);
      });

      test('a completion whose start is older than the listed window is looked up in the database', async () => {
        const check = await makeCheck(h.deps, own);
        await insertPings(check, [
          { n: 1, created_at: T0, kind: 'start' },
          { n: 2, created_at: T0 + MIN, kind: 'start', rid: RID_A },
          { n: 3, created_at: T0 + 2 * MIN, kind: 'log' },
          { n: 4, created_at: T0 + 3 * MIN, kind: 'log' },
          { n: 5, created_at: T0 + 5 * MIN, kind: 'success', rid: RID_A },
          { n: 6, created_at: T0 + 6 * MIN, kind: 'fail' },
        ]);
        await withPingLogLimit(3, async () => {
          assert.equal(await durations(check), '6:360 5:240 4:-');
        });
      });

      test('a looked-up start more than 72 hours back, or a completion in between, gives no duration', async () => {
        const check = await makeCheck(h.deps, own);
        await insertPings(check, [
          { n: 1, created_at: T0, kind: 'start' },
          { n: 2, created_at: T0 + HOUR, kind: 'start', rid: RID_A },
          { n: 3, created_at: T0 + 2 * HOUR, kind: 'success', rid: RID_A },
          { n: 4, created_at: T0 + 3 * HOUR, kind: 'log' },
          { n: 5, created_at: T0 + 72 * HOUR + 1, kind: 'success' },
          { n: 6, created_at: T0 + 72 * HOUR + 2, kind: 'fail', rid: RID_A },
        ]);
        await withPingLogLimit(3, async () => {
          assert.equal(await durations(check), '6:- 5:- 4:-');
        });
      });

      test('lists at most the owner’s ping log limit of the newest pings', async () => {
        const check = await makeCheck(h.deps, own);
        const rows = numbered(5, (n) => ({ created_at: T0 + (n - 1) * MIN, kind: 'log' }));
        await insertPings(check, rows);
        await withPingLogLimit(2, async () => {
          assert.equal((await listPings(check)).map((p) => p.n).join(' '), '5 4');
        });
      });

      test('lists at most 1000 pings, whatever the limit', async () => {
        const check = await makeCheck(h.deps, own);
        const rows = numbered(1005, (n) => ({ created_at: T0 + (n - 1) * 1000, kind: 'success' }));
        await insertPings(check, rows);
        await withPingLogLimit(5000, async () => {
          const pings = await listPings(check);
          assert.equal(pings.length, 1000);
          assert.deepEqual([pings[0]!.n, pings.at(-1)!.n], [1005, 6]);
        });
      });

      test('rid, body_url by body and API version (item 143)', async () => {
        const check = await makeCheck(h.deps, own);
        await insertPings(check, [
          { n: 1, created_at: T0, kind: 'success', body: new Uint8Array(0), rid: RID_A },
          { n: 2, created_at: T0 + 1, kind: 'success', body: null },
          { n: 3, created_at: T0 + 2, kind: 'success', body: Buffer.from('hi') },
        ]);
        for (const version of [1, 2, 3]) {
          const pings = await listPings(check, version);
          assert.deepEqual(
            pings.map((p) => p.body_url),
            [`http://localhost:8000/api/v${version}/checks/${check.code}/pings/3/body`, null, null],
          );
          assert.equal(pings[2]!.rid, RID_A);
          assert.equal(pings[2]!.date, '2026-01-05T10:00:00+00:00');
          assert.equal(pings[1]!.date, '2026-01-05T10:00:00.001000+00:00');
        }
      });

      test('authorisation: read-write keys of the check’s project only (item 140)', async () => {
        const check = await makeCheck(h.deps, own);
        const url = `/api/v3/checks/${check.code}/pings/`;
        assert.deepEqual(await jsonOf(url, own.api_key_readonly), [401, { error: 'wrong api key' }]);
        assert.equal((await answer(url, own.api_key_readonly))[2], '*', 'a 401 carries CORS headers');
        assert.deepEqual(await jsonOf(url, null), [401, { error: 'missing api key' }]);
        assert.deepEqual(await answer(url, other.api_key), [403, '', '*']);
        assert.deepEqual(await answer(`/api/v3/checks/${UNKNOWN_UUID}/pings/`), [404, '', 'none']);
        assert.equal((await get(`/api/v3/checks/${check.code.toUpperCase()}/pings/`)).statusCode, 404);
        assert.equal((await get(`/api/v3/checks/${uniqueKey(check.code)}/pings/`)).statusCode, 404, 'no pings by unique key');
      });

      test('methods: OPTIONS 204, POST and HEAD 405 (item 140)', async () => {
        const check = await makeCheck(h.deps, own);
        for (const url of [`/api/v3/checks/${check.code}/pings/`, `/api/v3/checks/${check.code}/pings`]) {
          const options = await get(url, null, 'OPTIONS');
          assert.deepEqual([options.statusCode, options.body], [204, '']);
          assert.equal(options.headers['access-control-allow-methods'], 'GET, OPTIONS');
          for (const method of ['POST', 'HEAD', 'DELETE'] as const) {
            const res = await get(url, own.api_key, method);
            assert.deepEqual([res.statusCode, res.body], [405, ''], method);
            assert.equal(res.headers['access-control-allow-origin'], '*');
          }
        }
      });
    });

    describe('ping body', () => {
      const bodyUrl = (check: Check, n: number | string, version = 1) => `/api/v${version}/checks/${check.code}/pings/${n}/body`;

      test('returns the stored text as text/plain (item 144)', async () => {
        const check = await makeCheck(h.deps, own);
        await ping(check, '', { method: 'POST', body: 'Foo\nBar\nBaz' });
        const res = await get(bodyUrl(check, 1));
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'text/plain');
        assert.equal(res.body, 'Foo\nBar\nBaz');
        assert.equal(res.headers['access-control-allow-origin'], '*');
      });

      test('returns bytes that are not UTF-8 unchanged (item 144)', async () => {
        const check = await makeCheck(h.deps, own);
        const bytes = Buffer.from('Hello\x01\x99World', 'latin1');
        await insertPings(check, [{ n: 1, created_at: T0, kind: 'success', body: bytes }]);
        const res = await get(bodyUrl(check, 1, 3));
        assert.equal(res.statusCode, 200);
        assert.deepEqual(res.rawPayload, bytes);
      });

      test('a ping outside the visible window is not found (item 145)', async () => {
        const check = await makeCheck(h.deps, own);
        const rows = numbered(101, (n) => ({ created_at: T0 + n, kind: 'success', body: Buffer.from(`#${n}`) }));
        await insertPings(check, rows);
        await withPingLogLimit(100, async () => {
          assert.deepEqual(await answer(bodyUrl(check, 1)), [404, '', 'none']);
          const inside = await get(bodyUrl(check, 2));
          assert.deepEqual([inside.statusCode, inside.body], [200, '#2']);
        });
      });

      test('a missing ping, or one without a body or with an empty one, is not found (item 145)', async () => {
        const check = await makeCheck(h.deps, own);
        await insertPings(check, [
          { n: 1, created_at: T0, kind: 'success', body: null },
          { n: 2, created_at: T0, kind: 'success', body: new Uint8Array(0) },
        ]);
        for (const n of [1, 2, 3, 0, 99999999999, 'x', '-1']) {
          const res = await get(bodyUrl(check, n));
          assert.deepEqual([res.statusCode, res.body], [404, ''], String(n));
        }
      });

      test('authorisation: read-only 401, another project 403, unknown check 404 (item 145)', async () => {
        const check = await makeCheck(h.deps, own);
        await insertPings(check, [{ n: 1, created_at: T0, kind: 'success', body: Buffer.from('x') }]);
        assert.deepEqual(await jsonOf(bodyUrl(check, 1), own.api_key_readonly), [401, { error: 'wrong api key' }]);
        assert.deepEqual(await jsonOf(bodyUrl(check, 1), null), [401, { error: 'missing api key' }]);
        assert.deepEqual(await answer(bodyUrl(check, 1), other.api_key), [403, '', '*']);
        const unknown = await get(`/api/v1/checks/${UNKNOWN_UUID}/pings/1/body`);
        assert.deepEqual([unknown.statusCode, unknown.body], [404, '']);
      });

      test('methods and the trailing slash: OPTIONS 204, POST 405, `/body/` 404', async () => {
        const check = await makeCheck(h.deps, own);
        await insertPings(check, [{ n: 1, created_at: T0, kind: 'success', body: Buffer.from('x') }]);
        assert.equal((await get(bodyUrl(check, 1), null, 'OPTIONS')).statusCode, 204);
        assert.equal((await get(bodyUrl(check, 1), own.api_key, 'POST')).statusCode, 405);
        assert.equal((await get(`${bodyUrl(check, 1)}/`)).statusCode, 404);
      });
    });

    describe('list flips', () => {
      // 2020-06-01T12:24:32.123Z, the flip of items 146 and 149.
      const FLIP_AT = Date.UTC(2020, 5, 1, 12, 24, 32, 123);
      const flipsUrl = (id: string, query = '', version = 1) => `/api/v${version}/checks/${id}/flips/${query}`;
      const flipsOf = async (id: string, query = '', key = own.api_key) => {
        const res = await get(flipsUrl(id, query), key);
        assert.equal(res.statusCode, 200, res.body);
        return res.json<{ flips: { timestamp: string; up: number }[] }>().flips;
      };

      test('lists flips with seconds precision, newest first, up only for `up` (items 146, 209)', async () => {
        const check = await makeCheck(h.deps, own);
        await insertFlips(check, [
          { created_at: FLIP_AT, old_status: 'new', new_status: 'up' },
          { created_at: FLIP_AT + HOUR, old_status: 'up', new_status: 'down', reason: 'timeout' },
          { created_at: FLIP_AT + 2 * HOUR, old_status: 'down', new_status: 'paused' },
          { created_at: FLIP_AT + 3 * HOUR, old_status: 'paused', new_status: 'new' },
          { created_at: FLIP_AT + 4 * HOUR, old_status: 'new', new_status: 'up' },
        ]);
        const res = await get(flipsUrl(check.code));
        assert.equal(res.headers['access-control-allow-origin'], '*');
        assert.deepEqual(res.json(), {
          flips: [
            { timestamp: '2020-06-01T16:24:32+00:00', up: 1 },
            { timestamp: '2020-06-01T15:24:32+00:00', up: 0 },
            { timestamp: '2020-06-01T14:24:32+00:00', up: 0 },
            { timestamp: '2020-06-01T13:24:32+00:00', up: 0 },
            { timestamp: '2020-06-01T12:24:32+00:00', up: 1 },
          ],
        });
      });

      test('flips made by pings are listed', async () => {
        const check = await makeCheck(h.deps, own);
        h.clock.set(T0);
        await ping(check);
        h.clock.advance(MIN);
        await ping(check, '/fail');
        assert.deepEqual(await flipsOf(check.code), [
          { timestamp: '2026-01-05T10:01:00+00:00', up: 0 },
          { timestamp: '2026-01-05T10:00:00+00:00', up: 1 },
        ]);
      });

      test('by unique key the same data; read-only keys too; without the slash too (item 147)', async () => {
        const check = await makeCheck(h.deps, own);
        await insertFlips(check, [{ created_at: FLIP_AT, old_status: 'new', new_status: 'up' }]);
        const expected = [{ timestamp: '2020-06-01T12:24:32+00:00', up: 1 }];
        assert.deepEqual(await flipsOf(check.code), expected);
        assert.deepEqual(await flipsOf(uniqueKey(check.code)), expected);
        assert.deepEqual(await flipsOf(check.code, '', own.api_key_readonly), expected);
        assert.deepEqual(await flipsOf(uniqueKey(check.code), '', own.api_key_readonly), expected);
        for (const id of [check.code, uniqueKey(check.code)]) {
          assert.deepEqual(await jsonOf(`/api/v3/checks/${id}/flips`), [200, { flips: expected }]);
        }
      });

      test('methods: OPTIONS 204, POST 405 (item 147)', async () => {
        const check = await makeCheck(h.deps, own);
        for (const id of [check.code, uniqueKey(check.code)]) {
          const options = await get(flipsUrl(id), null, 'OPTIONS');
          assert.deepEqual([options.statusCode, options.headers['access-control-allow-methods']], [204, 'GET, OPTIONS']);
          assert.deepEqual(await answer(flipsUrl(id), own.api_key, 'POST'), [405, '', '*']);
          assert.equal((await get(`/api/v1/checks/${id}/flips`, own.api_key, 'POST')).statusCode, 405);
        }
      });

      test('authorisation: another project 403 by UUID, 404 by unique key; unknown 404; no key 401', async () => {
        const theirs = await makeCheck(h.deps, other);
        assert.deepEqual(await answer(flipsUrl(theirs.code)), [403, '', '*']);
        assert.deepEqual(await answer(flipsUrl(uniqueKey(theirs.code))), [404, '', '*']);
        assert.deepEqual(await answer(flipsUrl(UNKNOWN_UUID)), [404, '', 'none']);
        assert.equal((await get(flipsUrl('not-a-check'))).statusCode, 404);
        assert.deepEqual(await jsonOf(flipsUrl(theirs.code), null), [401, { error: 'missing api key' }]);
        assert.deepEqual(await jsonOf(flipsUrl(theirs.code), 'W'.repeat(32)), [401, { error: 'wrong api key' }]);
      });

      test('start and end bound the flips (item 149)', async () => {
        const check = await makeCheck(h.deps, own);
        await insertFlips(check, [{ created_at: FLIP_AT, old_status: 'new', new_status: 'up' }]);
        const flip = { timestamp: '2020-06-01T12:24:32+00:00', up: 1 };
        assert.deepEqual(await flipsOf(check.code, '?start=1591014300'), []);
        assert.deepEqual(await flipsOf(check.code, '?end=1591014180'), []);
        assert.deepEqual(await flipsOf(check.code, '?start=1591014272'), [flip], 'start is inclusive');
        assert.deepEqual(await flipsOf(check.code, '?end=1591014272'), [], 'end is exclusive');
        assert.deepEqual(await flipsOf(check.code, '?start=1591014180&end=1591014300'), [flip]);
        assert.deepEqual(await flipsOf(check.code, '?start=&end='), [flip], 'empty values are no filter');
        assert.deepEqual(await flipsOf(check.code, '?start=0'), [flip]);
        assert.deepEqual(await flipsOf(check.code, '?end=0'), []);
        assert.deepEqual(await flipsOf(check.code, '?end=1&end=1591014300'), [flip], 'the last value counts');
      });

      test('seconds keeps the flips of the last N seconds; 0 keeps all', async () => {
        const check = await makeCheck(h.deps, own);
        h.clock.set(T0);
        await insertFlips(check, [
          { created_at: T0 - 2 * HOUR, old_status: 'new', new_status: 'up' },
          { created_at: T0 - 10 * MIN, old_status: 'up', new_status: 'down' },
        ]);
        const recent = [{ timestamp: '2026-01-05T09:50:00+00:00', up: 0 }];
        assert.deepEqual(await flipsOf(check.code, '?seconds=3600'), recent);
        assert.deepEqual(await flipsOf(check.code, '?seconds=3600.0'), recent, 'Django’s IntegerField drops a .0');
        assert.equal((await flipsOf(check.code, '?seconds=0')).length, 2);
        assert.equal((await flipsOf(check.code, '?seconds=31536000')).length, 2);
        assert.deepEqual(await flipsOf(check.code, `?seconds=7200&start=${(T0 - 20 * MIN) / 1000}`), recent);
      });

      test('bad filter values are 400 with an empty body (item 148)', async () => {
        const check = await makeCheck(h.deps, own);
        const queries =
          '?start=abc ?start=-123 ?start=12345678901234567890 ?start=10000000001 ?start=1.5 ?start=1.0 ?end=abc ?end=-1 ?seconds=-123 ?seconds=12345678901234567890 ?seconds=31536001 ?seconds=1.5 ?seconds=abc ?start=1&seconds=x';
        for (const query of queries.split(' ')) {
          for (const id of [check.code, uniqueKey(check.code)]) {
            const res = await get(flipsUrl(id, query));
            assert.deepEqual([res.statusCode, res.body], [400, ''], query);
            assert.equal(res.headers['access-control-allow-origin'], '*');
          }
        }
        assert.equal((await get(flipsUrl(check.code, '?start=10000000000'))).statusCode, 200, 'the upper bound itself');
      });

      test('the check is found before the filters are read: 403 wins over 400', async () => {
        const theirs = await makeCheck(h.deps, other);
        assert.equal((await get(flipsUrl(theirs.code, '?start=abc'))).statusCode, 403);
        assert.equal((await get(flipsUrl(theirs.code, '?start=abc'), own.api_key_readonly)).statusCode, 403);
      });
    });
  });
}
