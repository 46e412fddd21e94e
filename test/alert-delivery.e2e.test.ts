import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Deps } from '../src/deps.js';
import { silentLogger } from '../src/lib/logger.js';
import { newUuid } from '../src/lib/ids.js';
import { openDeps } from '../src/main.js';
import { freshDatabase, type TestDatabase } from './support/databases.js';
import { makeCheck, makeProject } from './support/factories.js';
import { startServer, type ServerProcess } from './support/server-process.js';

const SECRET = 'test-secret-key-not-for-production';
const FLIPS = 300;

/**
 * A webhook receiver that counts a delivery only when its answer reached the sender: while
 * `hold` is on it keeps requests unanswered, and on release answers only those whose sender is
 * still connected. A sender killed mid-request therefore never got an acknowledgement.
 */
async function acknowledgingReceiver() {
  const acked = new Map<string, number>();
  const held: Array<{ key: string; req: IncomingMessage; res: ServerResponse }> = [];
  let hold = false;
  const answer = (key: string, req: IncomingMessage, res: ServerResponse) => {
    if (req.socket.destroyed) return;
    res.end('OK', () => acked.set(key, (acked.get(key) ?? 0) + 1));
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.url ?? '';
      if (hold) held.push({ key, req, res });
      else setTimeout(() => answer(key, req, res), 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    acked,
    heldCount: () => held.length,
    hold() {
      hold = true;
    },
    release() {
      hold = false;
      for (const h of held.splice(0)) answer(h.key, h.req, h.res);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const waitUntil = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe(
  'alert delivery across processes (postgres)',
  { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' },
  () => {
    let db: TestDatabase;
    let deps: Deps;
    before(async () => {
      db = await freshDatabase('postgres');
      deps = await openDeps({ DATABASE_URL: db.url, SECRET_KEY: SECRET, LOG_LEVEL: 'silent' }, { log: silentLogger });
    });
    after(async () => {
      await deps.store.close();
      await db.drop();
    });

    test('three alert processes deliver each of 300 notifications exactly once, also when one is killed mid-way', async () => {
      const receiver = await acknowledgingReceiver();
      const project = await makeProject(deps);
      const { projectId } = project;
      const channel = await deps.store.db
        .insertInto('channels')
        .values({
          code: newUuid(),
          project_id: projectId,
          kind: 'webhook',
          value: JSON.stringify({ method_down: 'POST', url_down: `${receiver.url}/$CODE`, body_down: '$NAME', headers_down: {} }),
          created_at: Date.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const codes: string[] = [];
      for (let i = 0; i < FLIPS; i++) {
        const check = await makeCheck(deps, project, { name: `job ${i}`, status: 'down' });
        codes.push(check.code);
        await deps.store.db
          .insertInto('checks_channels')
          .values({ check_id: check.id, channel_id: Number(channel.id) })
          .execute();
        await deps.store.db
          .insertInto('flips')
          .values({ check_id: check.id, created_at: Date.now(), old_status: 'up', new_status: 'down', reason: 'timeout' })
          .execute();
      }

      const env = { DATABASE_URL: db.url, SECRET_KEY: SECRET, INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' };
      const nodes: ServerProcess[] = await Promise.all([0, 1, 2].map(() => startServer(env)));
      try {
        await waitUntil('a third of the deliveries', () => receiver.acked.size >= FLIPS / 3, 30_000);
        // Freeze answers, let acknowledged outcomes commit, then kill a node with requests in flight.
        receiver.hold();
        await waitUntil('requests held from the nodes', () => receiver.heldCount() >= 3, 10_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await nodes[0]!.kill9();
        receiver.release();
        // The killed node's claims expire after the lease; the survivors take them over.
        await waitUntil('every notification acknowledged', () => receiver.acked.size >= FLIPS, 60_000);
        await waitUntil(
          'every notification recorded as sent',
          async () => {
            const rows = await deps.store.db.selectFrom('notifications').select('status').execute();
            return rows.length === FLIPS && rows.every((r) => r.status === 'sent');
          },
          15_000,
        );
      } finally {
        await Promise.all(nodes.slice(1).map((n) => n.stop()));
        await receiver.close();
      }
      assert.deepEqual([...receiver.acked.keys()].sort(), codes.map((c) => `/${c}`).sort());
      const duplicates = [...receiver.acked.entries()].filter(([, n]) => n !== 1);
      assert.deepEqual(duplicates, [], 'each notification acknowledged exactly once');
      const notifications = await deps.store.db.selectFrom('notifications').select(['flip_id']).execute();
      assert.equal(new Set(notifications.map((n) => n.flip_id)).size, FLIPS, 'one notification per flip');
    });
  },
);
