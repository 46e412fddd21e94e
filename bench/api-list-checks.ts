import type { Dialect } from '../src/store/dialect.js';
import { MEASURED_TAG, seedApiProject, type SeededApiProject } from './api-seed.js';
import { freshBenchDatabase } from './bench-database.js';
import { envInt, progress, type Print } from './progress.js';
import { ms, percentile } from './stats.js';
import { loggedProblems, startWatchpostProcess, type RunningWatchpost } from './watchpost-process.js';

const WARMUP_REQUESTS = 5;
const REQUEST_TIMEOUT_MS = 30_000;

interface Timed {
  status: number;
  body: string;
  wallMs: number;
}

/** One GET, timed from the call to the last byte of the body read. */
async function timedGet(url: string, apiKey: string): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'X-Api-Key': apiKey }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = await response.text();
  return { status: response.status, body, wallMs: performance.now() - started };
}

interface Series {
  /** Wall times, ascending. */
  sorted: number[];
  non200: number;
  /** The first measured response, to check and size (parsed after the clock stopped). */
  first: Timed;
}

/** A few warm-up requests, then `requests` sequential ones; throws if the warm-up isn't 200. */
async function series(url: string, apiKey: string, requests: number): Promise<Series> {
  for (let i = 0; i < WARMUP_REQUESTS; i++) {
    const warm = await timedGet(url, apiKey);
    if (warm.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${warm.status}: ${warm.body.slice(0, 200)}`);
  }
  const times: Timed[] = [];
  for (let i = 0; i < requests; i++) times.push(await timedGet(url, apiKey));
  return {
    sorted: times.map((t) => t.wallMs).sort((a, b) => a - b),
    non200: times.filter((t) => t.status !== 200).length,
    first: times[0]!,
  };
}

function returnedChecks(response: Timed): number {
  const parsed = JSON.parse(response.body) as { checks?: unknown };
  return Array.isArray(parsed.checks) ? parsed.checks.length : NaN;
}

function kB(body: string): string {
  return `${(Buffer.byteLength(body) / 1024).toFixed(0)} kB`;
}

/**
 * `GET /api/v3/checks/` on one project of BENCH_API_CHECKS (5,000) checks, BENCH_API_REQUESTS
 * (50) sequential requests over one keep-alive connection, wall time to the full body; plus
 * the same list filtered by a tag and one check by UUID.
 */
export async function apiListChecks(dialect: Dialect, print: Print): Promise<void> {
  const count = envInt('BENCH_API_CHECKS', 5_000, 1, 30_000);
  const requests = envInt('BENCH_API_REQUESTS', 50, 1, 10_000);
  const db = await freshBenchDatabase(dialect);
  let server: RunningWatchpost | null = null;
  try {
    progress(`${dialect}: seeding one project with ${count} checks for the API`);
    const seeded = await seedApiProject(db.url, count);
    server = await startWatchpostProcess({ databaseUrl: db.url, logLevel: 'warn' });
    const api = `${server.url}/api/v3/checks/`;
    progress(`${dialect}: ${requests} sequential GET /api/v3/checks/ (and ?tag=, and one by UUID)`);
    const list = await series(api, seeded.apiKey, requests);
    const tagged = await series(`${api}?tag=${MEASURED_TAG}`, seeded.apiKey, requests);
    const one = await series(`${api}${seeded.sampleCode}`, seeded.apiKey, requests);
    await server.child.stop();

    printFigures(dialect, print, { seeded, requests, list, tagged, one });
    const problems = loggedProblems(server.child.output());
    if (problems.length > 0)
      print(`note_${dialect} watchpost logged ${problems.length} warn/error lines, first: ${problems[0]!.slice(0, 300)}`);
  } finally {
    await server?.child.stop();
    await db.drop();
  }
}

interface Measured {
  seeded: SeededApiProject;
  requests: number;
  list: Series;
  tagged: Series;
  one: Series;
}

function printFigures(dialect: Dialect, print: Print, { seeded, requests, list, tagged, one }: Measured): void {
  const p = (s: Series, at: number) => ms(percentile(s.sorted, at));
  const non200 = (s: Series) => (s.non200 > 0 ? `, ${s.non200} non-200 answers` : '');
  const shape = `${requests} sequential requests after ${WARMUP_REQUESTS} warm-up, wall time to the last byte`;
  print(
    `api_list_checks_${dialect} p50 ${p(list, 50)} p95 ${p(list, 95)} max ${p(list, 100)} target p50 ≤ 100 ms (${seeded.checks} checks, ${kB(list.first.body)} response, ${shape}${non200(list)})`,
  );
  print(
    `api_list_checks_tag_${dialect} p50 ${p(tagged, 50)} p95 ${p(tagged, 95)} (?tag=${MEASURED_TAG}: ${seeded.tagged} of ${seeded.checks} checks, ${kB(tagged.first.body)} response${non200(tagged)})`,
  );
  print(`api_get_check_${dialect} p50 ${p(one, 50)} p95 ${p(one, 95)} (one check by UUID among ${seeded.checks}${non200(one)})`);

  const mismatches = [
    [list, seeded.checks, 'list'],
    [tagged, seeded.tagged, `?tag=${MEASURED_TAG}`],
  ] as const;
  for (const [s, expected, what] of mismatches) {
    const returned = s.first.status === 200 ? returnedChecks(s.first) : NaN;
    if (returned !== expected)
      print(`note_${dialect} api_list_checks MISMATCH ${what} returned ${returned} checks, expected ${expected}`);
  }
  const single = one.first.status === 200 ? (JSON.parse(one.first.body) as { uuid?: unknown }).uuid : undefined;
  if (single !== seeded.sampleCode)
    print(`note_${dialect} api_get_check MISMATCH answered uuid ${String(single)}, expected ${seeded.sampleCode}`);
}
