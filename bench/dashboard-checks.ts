import fastifyCookie from '@fastify/cookie';
import { startSession } from '../src/accounts/sessions.js';
import type { Dialect } from '../src/store/dialect.js';
import { findFirstSuperuser } from '../src/store/users.js';
import { cookieSecret, SESSION_COOKIE } from '../src/web/web-plugin.js';
import { seedApiProject } from './api-seed.js';
import { freshBenchDatabase, postgresBaseUrl } from './bench-database.js';
import { envInt, progress, type Print } from './progress.js';
import { withDatabase } from './seed.js';
import { ms, percentile } from './stats.js';
import { loggedProblems, startWatchpostProcess, type RunningWatchpost } from './watchpost-process.js';

const WARMUP_REQUESTS = 3;
const REQUEST_TIMEOUT_MS = 60_000;
const TARGET_MS = 300;

interface Sample {
  status: number;
  /** The server's own time (its Server-Timing `app` entry): session, queries and rendering. */
  serverMs: number;
  /** From the call to the last byte read, here. */
  wallMs: number;
  bytes: number;
  rows: number;
}

async function timedGet(url: string, cookie: string): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { cookie, accept: 'text/html' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = await response.text();
  const wallMs = performance.now() - started;
  const timing = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  return {
    status: response.status,
    serverMs: timing ? Number(timing[1]) : NaN,
    wallMs,
    bytes: Buffer.byteLength(body),
    rows: body.split('<tr data-code=').length - 1,
  };
}

async function series(url: string, cookie: string, requests: number): Promise<Sample[]> {
  for (let i = 0; i < WARMUP_REQUESTS; i++) {
    const warm = await timedGet(url, cookie);
    if (warm.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${warm.status}`);
  }
  const samples: Sample[] = [];
  for (let i = 0; i < requests; i++) samples.push(await timedGet(url, cookie));
  return samples;
}

/** The superuser the seed's project belongs to, logged in: the session cookie a browser would send. */
async function sessionCookie(databaseUrl: string): Promise<{ cookie: string; projectCode: string }> {
  return withDatabase(databaseUrl, async (deps) => {
    const admin = await findFirstSuperuser(deps.store.db);
    if (!admin) throw new Error('the seed made no superuser');
    const project = await deps.store.db
      .selectFrom('projects')
      .select('code')
      .where('owner_id', '=', admin.id)
      .executeTakeFirstOrThrow();
    const { token } = await startSession(deps, admin.id);
    const signed = encodeURIComponent(fastifyCookie.sign(token, cookieSecret(deps.secretKey)));
    return { cookie: `${SESSION_COOKIE}=${signed}`, projectCode: project.code };
  });
}

function line(name: string, samples: Sample[], note: string): string {
  const server = samples.map((s) => s.serverMs).sort((a, b) => a - b);
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const first = samples[0]!;
  const non200 = samples.filter((s) => s.status !== 200).length;
  return (
    `${name} server p50 ${ms(percentile(server, 50))} p95 ${ms(percentile(server, 95))} target p50 ≤ ${TARGET_MS} ms ` +
    `(${note}; ${first.rows} rows, ${(first.bytes / 1024).toFixed(0)} kB; wall p50 ${ms(percentile(wall, 50))} ` +
    `p95 ${ms(percentile(wall, 95))}, ${samples.length} sequential requests after ${WARMUP_REQUESTS} warm-up` +
    `${non200 ? `, ${non200} non-200 answers` : ''})`
  );
}

async function measure(dialect: Dialect, print: Print): Promise<void> {
  const count = envInt('BENCH_API_CHECKS', 5_000, 1, 30_000);
  const requests = envInt('BENCH_DASHBOARD_REQUESTS', 30, 1, 1_000);
  const db = await freshBenchDatabase(dialect);
  let server: RunningWatchpost | null = null;
  try {
    progress(`${dialect}: seeding one project with ${count} checks for the dashboard`);
    await seedApiProject(db.url, count);
    const { cookie, projectCode } = await sessionCookie(db.url);
    server = await startWatchpostProcess({ databaseUrl: db.url, logLevel: 'warn' });
    const list = `${server.url}/projects/${projectCode}/checks/`;
    progress(`${dialect}: ${requests} sequential GET of the checks page, then of its live fragment`);
    const page = await series(list, cookie, requests);
    const fragment = await series(`${list}status/`, cookie, requests);
    await server.child.stop();
    print(line(`dashboard_checks_${dialect}`, page, `${count} checks, the whole page`));
    print(line(`dashboard_checks_status_${dialect}`, fragment, 'the live fragment the page polls'));
    if (page[0]!.rows !== count) print(`note_${dialect} dashboard_checks MISMATCH ${page[0]!.rows} rows, expected ${count}`);
    const problems = loggedProblems(server.child.output());
    if (problems.length > 0)
      print(`note_${dialect} watchpost logged ${problems.length} warn/error lines, first: ${problems[0]!.slice(0, 300)}`);
  } finally {
    await server?.child.stop();
    await db.drop();
  }
}

/**
 * The checks page of a project of BENCH_API_CHECKS (5,000) checks, as a logged-in user loads it
 * (issue 5: under 300 ms of server time), and the fragment its live refresh polls; on SQLite,
 * and on PostgreSQL when one is configured.
 */
export async function dashboardChecks(print: Print): Promise<void> {
  await measure('sqlite', print);
  if (postgresBaseUrl()) await measure('postgres', print);
  else print('dashboard_checks_postgres skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to enable');
}
