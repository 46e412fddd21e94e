import { manualClock, type ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { startWatchpost, type Running } from '../../src/main.js';
import type { Dialect } from '../../src/store/dialect.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export interface WebServer {
  running: Running;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The whole server on a real socket (for a browser), on a fresh database. The clock is real by
 * default: a browser test watches pings arrive live.
 */
export async function startWebServer(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: { clock?: ManualClock } = {},
): Promise<WebServer> {
  const db = await freshDatabase(dialect);
  const running = await startWatchpost(
    {
      DATABASE_URL: db.url,
      SECRET_KEY: 'test-secret-key-not-for-production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True',
      ...env,
    },
    { http: true, alerts: true, smtp: false },
    { log: silentLogger, ...(options.clock ? { clock: options.clock } : {}) },
  );
  return {
    running,
    url: running.url!,
    db,
    async close() {
      await running.stop();
      await db.drop();
    },
  };
}

export { manualClock };
