/**
 * `npm run bench`: one line per figure on stdout, the reference beside it; progress on stderr.
 * Never fails on a number; exits 1 only when a figure could not be measured at all.
 *
 * BENCH_SECONDS (10)      seconds of load per server in the throughput figures
 * BENCH_CHECKS (100000)   checks stored during the down-detection figure
 * BENCH_TOOL              wrk | autocannon (default: wrk when on PATH)
 * BENCH_API_CHECKS (5000)     checks in the project the API figures list
 * BENCH_API_REQUESTS (50)     sequential requests per API figure
 * BENCH_DATABASE_URL or TEST_DATABASE_URL   enables the PostgreSQL figures (fresh schema, dropped)
 * BENCH_ONLY              only the figures whose name contains this (e.g. `detection`)
 */
import { apiListChecks } from './api-list-checks.js';
import { postgresBaseUrl, removeTempDirs } from './bench-database.js';
import { killRunningChildren } from './child-process.js';
import { dashboardChecks } from './dashboard-checks.js';
import { downDetectionLatency } from './detection-latency.js';
import { pingThroughput } from './ping-throughput.js';
import { progress, type Print } from './progress.js';
import { startup } from './startup.js';

const print: Print = (line) => void process.stdout.write(`${line}\n`);

const SKIPPED_POSTGRES =
  'skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to enable';

const whenPostgres = (name: string, run: () => Promise<void>) => async () =>
  postgresBaseUrl() ? run() : print(`${name} ${SKIPPED_POSTGRES}`);

const figures: Array<[name: string, run: () => Promise<void>]> = [
  ['ping_throughput_sqlite', () => pingThroughput('sqlite', print)],
  ['ping_throughput_postgres', whenPostgres('ping_throughput_postgres', () => pingThroughput('postgres', print))],
  // also deadline_to_webhook_latency: the same deadlines, through the alert pipeline to a webhook
  ['down_detection_latency_sqlite', () => downDetectionLatency('sqlite', print)],
  [
    'down_detection_latency_postgres',
    whenPostgres('down_detection_latency_postgres', () => downDetectionLatency('postgres', print)),
  ],
  ['startup', () => startup(print)],
  ['api_list_checks_sqlite', () => apiListChecks('sqlite', print)],
  ['api_list_checks_postgres', whenPostgres('api_list_checks_postgres', () => apiListChecks('postgres', print))],
  ['dashboard_checks_sqlite_postgres', () => dashboardChecks(print)],
];

// Children would otherwise outlive an interrupted bench and keep their ports (a PostgreSQL
// schema of an interrupted run is left behind: dropping it needs the event loop we are leaving).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunningChildren();
    removeTempDirs();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

let failed = 0;
const began = Date.now();
const only = process.env.BENCH_ONLY ?? '';
for (const [name, run] of figures.filter(([n]) => n.includes(only))) {
  try {
    await run();
  } catch (error) {
    failed++;
    print(`${name} error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
progress(`done in ${Math.round((Date.now() - began) / 1000)} s`);
process.exitCode = failed > 0 ? 1 : 0;
