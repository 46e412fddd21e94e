import type { FastifyInstance } from 'fastify';
import type { Senders } from '../../src/alerts/integration-io.js';
import type { Env } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { makeSenders } from '../../src/alerts/senders.js';
import { buildApp } from '../../src/http/app.js';
import { manualClock, type ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { openDeps } from '../../src/main.js';
import { makePingRecorder, type PingRecorder } from '../../src/ping/record-ping.js';
import type { Dialect } from '../../src/store/dialect.js';
import { freshDatabase } from './databases.js';

export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

export interface Harness {
  deps: Deps;
  clock: ManualClock;
  app: FastifyInstance;
  recorder: PingRecorder;
  senders: Senders;
  /** The fresh database as a DATABASE_URL, for child processes. */
  databaseUrl: string;
  close(): Promise<void>;
}

/** The real app on a fresh database of `dialect`, with a clock the test moves by hand. */
export async function makeHarness(
  dialect: Dialect,
  env: Env = {},
  startMs = T0,
  /** Rewrites the PostgreSQL URL the app uses (e.g. to go through a proxy); setup still goes direct. */
  routeUrl?: (url: URL) => void,
): Promise<Harness> {
  const database = await freshDatabase(dialect);
  let appUrl = database.url;
  if (routeUrl) {
    const url = new URL(database.url);
    routeUrl(url);
    appUrl = url.toString();
  }
  const clock = manualClock(startMs);
  const deps = await openDeps(
    { DATABASE_URL: appUrl, SECRET_KEY: 'test-secret-key-not-for-production', LOG_LEVEL: 'silent', ...env },
    { clock, log: silentLogger },
  );
  const recorder = makePingRecorder(deps);
  const senders = makeSenders(deps);
  const app = await buildApp(deps, recorder, senders);
  return {
    deps,
    clock,
    app,
    recorder,
    senders,
    databaseUrl: database.url,
    async close() {
      await app.close();
      await recorder.drain();
      await senders.close();
      await deps.store.close();
      await database.drop();
    },
  };
}
