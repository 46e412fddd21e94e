import { BIN, freePort } from '../test/support/server-process.js';
import { spawnChild } from './child-process.js';
import type { RunningServer } from './bare-server.js';
import { waitUntilReady } from './wait-until-ready.js';

export const BENCH_SECRET_KEY = 'bench-secret-key-not-for-production';

export interface WatchpostOptions {
  databaseUrl: string;
  logLevel: string;
  onLine?: (line: string) => void;
  readyTimeoutMs?: number;
  /** Extra environment, e.g. INTEGRATIONS_ALLOW_PRIVATE_IPS for a local webhook receiver. */
  env?: Record<string, string>;
}

export interface RunningWatchpost extends RunningServer {
  /** performance.now() just before the spawn and at the first 200 from the status endpoint. */
  spawnedAt: number;
  readyAt: number;
}

/** `bin/watchpost serve` (the built dist/cli.js) on 127.0.0.1, resolved once it answers. */
export async function startWatchpostProcess(options: WatchpostOptions): Promise<RunningWatchpost> {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    SECRET_KEY: BENCH_SECRET_KEY,
    LOG_LEVEL: options.logLevel,
    ...options.env,
  };
  const spawnedAt = performance.now();
  const child = spawnChild(process.execPath, [BIN, 'serve'], env, options.onLine);
  const url = `http://127.0.0.1:${port}`;
  try {
    const readyAt = await waitUntilReady(child, `${url}/api/v3/status/`, 'OK', options.readyTimeoutMs ?? 30_000);
    return { url, child, spawnedAt, readyAt };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Lines the server logged at warn (40) or above: worth a look whatever the figures say. */
export function loggedProblems(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.trim() === '') return false;
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 40;
    } catch {
      return true; // not pino's JSON: a crash trace or a stray write
    }
  });
}
