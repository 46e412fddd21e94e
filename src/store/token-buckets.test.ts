import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, testDialects, type TestDatabase } from '../../test/support/databases.js';
import { migrate } from './migrate.js';
import { openStore, type Store } from './open-store.js';
import { pruneTokenBuckets, tryConsumeToken } from './token-buckets.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

for (const dialect of testDialects()) {
  describe(`token buckets (${dialect})`, () => {
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await freshDatabase(dialect);
      store = openStore(database.config);
      await migrate(store);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    const take = (key: string, now: number, capacity = 6, periodMs = MINUTE) =>
      tryConsumeToken(store, key, capacity, periodMs, now);
    const takeTimes = async (key: string, times: number, now: number) => {
      const granted: boolean[] = [];
      for (let i = 0; i < times; i++) granted.push(await take(key, now));
      return granted;
    };
    const tokensOf = async (key: string) =>
      (await store.db.selectFrom('token_buckets').selectAll().where('key', '=', key).executeTakeFirst()) ?? null;

    test('capacity 6 per minute allows 6 calls, then refuses', async () => {
      assert.deepEqual(await takeTimes('tg-1', 7, T0), [true, true, true, true, true, true, false]);
      assert.equal(await take('tg-1', T0 + 1), false);
    });

    test('a refused call changes nothing', async () => {
      await takeTimes('tg-2', 6, T0);
      const before = await tokensOf('tg-2');
      assert.equal(await take('tg-2', T0 + 1_000), false);
      assert.deepEqual(await tokensOf('tg-2'), before);
      assert.equal(before?.updated_at, T0);
    });

    test('refills linearly with time, never above one full bucket', async () => {
      await takeTimes('tg-3', 6, T0);
      assert.equal(await take('tg-3', T0 + MINUTE / 6 - 1_000), false, 'not yet a sixth of a minute');
      assert.equal(await take('tg-3', T0 + MINUTE / 6), true, 'one token back after 10 s');
      assert.equal(await take('tg-3', T0 + MINUTE / 6), false);
      // an hour idle refills one bucket (6 calls), not 360
      assert.deepEqual(await takeTimes('tg-3', 7, T0 + 60 * MINUTE), [true, true, true, true, true, true, false]);
    });

    test('keys are independent, and so are capacities', async () => {
      assert.deepEqual(await takeTimes('po-a', 6, T0), Array(6).fill(true));
      assert.equal(await take('po-b', T0), true);
      const granted: boolean[] = [];
      for (let i = 0; i < 21; i++) granted.push(await tryConsumeToken(store, 'auth-ip-1', 20, 60 * MINUTE, T0));
      assert.equal(granted.filter(Boolean).length, 20, 'capacity 20 allows 20 despite 1/20 not being exact');
      assert.equal(await tryConsumeToken(store, 'totpc-1-123456', 1, 90_000, T0), true);
      assert.equal(await tryConsumeToken(store, 'totpc-1-123456', 1, 90_000, T0 + 89_999), false);
      assert.equal(await tryConsumeToken(store, 'totpc-1-123456', 1, 90_000, T0 + 90_000), true);
    });

    test('a clock that steps back refills nothing', async () => {
      await takeTimes('tg-4', 6, T0);
      assert.equal(await take('tg-4', T0 - 10 * MINUTE), false);
      assert.equal(await take('tg-4', T0 + MINUTE / 6), true);
    });

    test('20 concurrent calls from several connections take exactly 6 tokens', async () => {
      // Several stores stand in for several processes sharing one database.
      const stores = [store, ...Array.from({ length: 3 }, () => openStore(database.config))];
      try {
        const granted = await Promise.all(
          Array.from({ length: 20 }, (_, i) => tryConsumeToken(stores[i % stores.length]!, 'ntfy-race', 6, MINUTE, T0)),
        );
        assert.equal(granted.filter(Boolean).length, 6);
      } finally {
        await Promise.all(stores.slice(1).map((s) => s.close()));
      }
    });

    test('prunes buckets last changed before the cutoff', async () => {
      await take('old', T0 - 2 * 24 * 60 * MINUTE);
      await take('recent', T0 - 60 * MINUTE);
      const deleted = await pruneTokenBuckets(store, T0 - 24 * 60 * MINUTE);
      assert.ok(deleted >= 1);
      assert.equal(await tokensOf('old'), null);
      assert.notEqual(await tokensOf('recent'), null);
      assert.notEqual(await tokensOf('tg-1'), null);
    });
  });
}
