import type { Dialect } from '../src/store/dialect.js';
import { startBareServer, type RunningServer } from './bare-server.js';
import { freshBenchDatabase } from './bench-database.js';
import { describeLoad, loadTool, runLoad, type LoadFigures, type LoadShape, type LoadTool } from './load.js';
import { envInt, progress, type Print } from './progress.js';
import { checkRow, insertChecks, nPingsOf, seedProject, withDatabase } from './seed.js';
import { ms, ratio } from './stats.js';
import { loggedProblems, startWatchpostProcess } from './watchpost-process.js';

/** Both servers get the same short warm-up (JIT, connection pools) on a check of its own. */
const WARMUP_SECONDS = 2;
const TARGET_RATIO: Record<Dialect, string> = { sqlite: '≥ 0.50', postgres: '≥ 0.30' };

async function measure(
  tool: LoadTool,
  server: RunningServer,
  path: string,
  warmupPath: string,
  shape: LoadShape,
): Promise<LoadFigures> {
  await runLoad(tool, server.url + warmupPath, { ...shape, seconds: WARMUP_SECONDS });
  return runLoad(tool, server.url + path, shape);
}

/** A check to measure and one to warm up on, so the measured check counts only measured pings. */
async function seedPingChecks(databaseUrl: string): Promise<{ code: string; warmupCode: string }> {
  return withDatabase(databaseUrl, async (deps) => {
    const projectId = await seedProject(deps);
    const measured = checkRow(projectId);
    const warmup = checkRow(projectId);
    await insertChecks(deps, [measured, warmup]);
    return { code: measured.code, warmupCode: warmup.code };
  });
}

/**
 * Bare Node, then Watchpost, under the same load on /ping/<uuid>, back to back in one run; the
 * ratio is the figure (the machine's absolute speed varies run to run).
 */
export async function pingThroughput(dialect: Dialect, print: Print): Promise<void> {
  const tool = loadTool();
  const shape: LoadShape = { threads: 2, connections: 32, seconds: envInt('BENCH_SECONDS', 10, 1, 120) };
  const db = await freshBenchDatabase(dialect);
  try {
    const { code, warmupCode } = await seedPingChecks(db.url);
    const path = `/ping/${code}`;
    const warmupPath = `/ping/${warmupCode}`;

    progress(`${dialect}: bare node under ${describeLoad(tool, shape)}`);
    const bareServer = await startBareServer();
    let bare: LoadFigures;
    try {
      bare = await measure(tool, bareServer, path, warmupPath, shape);
    } finally {
      await bareServer.child.stop();
    }

    progress(`${dialect}: watchpost under ${describeLoad(tool, shape)}`);
    const server = await startWatchpostProcess({ databaseUrl: db.url, logLevel: 'warn' });
    let watchpost: LoadFigures;
    try {
      watchpost = await measure(tool, server, path, warmupPath, shape);
    } finally {
      // SIGTERM commits every accepted ping before exit, so n_pings is final once it is down.
      await server.child.stop();
    }
    const nPings = await nPingsOf(db.url, code);

    printFigures(dialect, print, { tool, shape, bare, watchpost, nPings });
    const problems = loggedProblems(server.child.output());
    if (problems.length > 0)
      print(`note_${dialect} watchpost logged ${problems.length} warn/error lines, first: ${problems[0]!.slice(0, 300)}`);
  } finally {
    await db.drop();
  }
}

interface Run {
  tool: LoadTool;
  shape: LoadShape;
  bare: LoadFigures;
  watchpost: LoadFigures;
  nPings: number;
}

function printFigures(dialect: Dialect, print: Print, { tool, shape, bare, watchpost, nPings }: Run): void {
  const load = describeLoad(tool, shape);
  const perSec = (f: LoadFigures) => `${Math.round(f.requestsPerSec)}/s`;
  print(
    `ping_throughput_${dialect} ${perSec(watchpost)} bare_node ${perSec(bare)} ratio ${ratio(watchpost.requestsPerSec, bare.requestsPerSec)} target ${TARGET_RATIO[dialect]} (${load})`,
  );
  print(
    `ping_latency_p99_${dialect} ${ms(watchpost.p99Ms)} bare_node ${ms(bare.p99Ms)} ratio ${ratio(watchpost.p99Ms, bare.p99Ms)} target ≤ 3.00 (p50 ${ms(watchpost.p50Ms)}, bare_node p50 ${ms(bare.p50Ms)})`,
  );
  // The load generator stops with up to one request in flight per connection: the server may
  // have committed those pings without the answer being counted, never the other way round.
  const unanswered = nPings - watchpost.ok2xx;
  const verdict = unanswered >= 0 && unanswered <= shape.connections ? 'ok' : 'MISMATCH';
  print(
    `ping_durability_check_${dialect} ${verdict} n_pings=${nPings} responses=${watchpost.ok2xx} in_flight_at_stop=${unanswered} (allowed 0–${shape.connections}) non2xx=${watchpost.non2xx} socket_errors=${watchpost.socketErrors}`,
  );
}
