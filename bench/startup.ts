import { freshBenchDatabase } from './bench-database.js';
import { progress, type Print } from './progress.js';
import { median } from './stats.js';
import { startWatchpostProcess } from './watchpost-process.js';

const RUNS = 3;

/** Spawn to the first 200 from /api/v3/status/ on a new SQLite file (migrations included). */
export async function startup(print: Print): Promise<void> {
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    progress(`startup run ${run}/${RUNS}`);
    const db = await freshBenchDatabase('sqlite');
    try {
      const server = await startWatchpostProcess({ databaseUrl: db.url, logLevel: 'warn', readyTimeoutMs: 15_000 });
      await server.child.stop();
      times.push(server.readyAt - server.spawnedAt);
    } finally {
      await db.drop();
    }
  }
  const runs = times.map((t) => Math.round(t)).join(', ');
  print(`startup ${Math.round(median(times))} ms target ≤ 1500 ms (median of ${RUNS}: ${runs} ms; empty SQLite database)`);
}
