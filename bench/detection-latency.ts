import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newUuid } from '../src/lib/ids.js';
import type { Dialect } from '../src/store/dialect.js';
import { freshBenchDatabase } from './bench-database.js';
import { envInt, progress, type Print } from './progress.js';
import { checkRow, insertChecks, seedProject, withDatabase, type CheckRow } from './seed.js';
import { percentile } from './stats.js';
import { loggedProblems, startWatchpostProcess, type RunningWatchpost } from './watchpost-process.js';

const STAGGERED = 200;
/** Deadlines start this long after seeding, so they are still ahead once the server is ready. */
const LEAD_MS = 3_000;
const SPREAD_MS = 5_000;
/** How long after readiness to wait for the last flip before giving up on the rest. */
const WAIT_MS = 30_000;
const TIMEOUT_SECONDS = 60;
const GRACE_SECONDS = 60;
const DAY_MS = 86_400_000;

interface Seeded {
  /** check id → deadline (epoch ms) of the staggered checks. */
  deadlines: Map<number, number>;
  /** check id → UUID, which the webhook receiver sees in its path. */
  codes: Map<number, string>;
}

/** Many checks due in about a day, then STAGGERED checks due over the next few seconds. */
async function seedDeadlines(databaseUrl: string, background: number, webhookUrl: string): Promise<Seeded> {
  return withDatabase(databaseUrl, async (deps) => {
    const projectId = await seedProject(deps);
    const now = Date.now();
    const far: CheckRow[] = Array.from({ length: background }, (_, i) => {
      const lastPingAt = now - (i % 3_600) * 1_000;
      return checkRow(projectId, { status: 'up', last_ping_at: lastPingAt, alert_after: lastPingAt + DAY_MS + 3_600_000 });
    });
    await insertChecks(deps, far);
    // Anchored after the slow bulk insert, so only the server's start-up eats into the lead.
    const anchor = Date.now() + LEAD_MS;
    const periodMs = (TIMEOUT_SECONDS + GRACE_SECONDS) * 1_000;
    const soon = Array.from({ length: STAGGERED }, (_, i) => {
      const deadline = anchor + Math.round((i * SPREAD_MS) / (STAGGERED - 1));
      const row = checkRow(projectId, {
        status: 'up',
        timeout_seconds: TIMEOUT_SECONDS,
        grace_seconds: GRACE_SECONDS,
        last_ping_at: deadline - periodMs,
        alert_after: deadline,
      });
      return { row, deadline };
    });
    const ids = await insertChecks(
      deps,
      soon.map((s) => s.row),
    );
    // One webhook for the staggered checks: the alert pipeline's path from flip to a person.
    const channel = await deps.store.db
      .insertInto('channels')
      .values({
        code: newUuid(),
        project_id: projectId,
        kind: 'webhook',
        value: JSON.stringify({ method_down: 'GET', url_down: `${webhookUrl}/$CODE`, body_down: '', headers_down: {} }),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.store.db
      .insertInto('checks_channels')
      .values(soon.map((s) => ({ check_id: ids.get(s.row.code)!, channel_id: Number(channel.id) })))
      .execute();
    return {
      deadlines: new Map(soon.map((s) => [ids.get(s.row.code)!, s.deadline])),
      codes: new Map(soon.map((s) => [ids.get(s.row.code)!, s.row.code])),
    };
  });
}

interface FlipLog {
  checkId: number;
  /** When the line was logged, just after the flip committed. */
  time: number;
  /** The deadline the flip is dated at. */
  at: number;
}

function parseFlip(line: string): FlipLog | null {
  if (!line.includes('check went down')) return null;
  try {
    const entry = JSON.parse(line) as Partial<FlipLog> & { msg?: string };
    if (
      entry.msg !== 'check went down' ||
      typeof entry.checkId !== 'number' ||
      typeof entry.time !== 'number' ||
      typeof entry.at !== 'number'
    )
      return null;
    return { checkId: entry.checkId, time: entry.time, at: entry.at };
  } catch {
    return null;
  }
}

/**
 * Real time from each deadline to the detector's flip, with BENCH_CHECKS (100,000) checks
 * stored, read from the server's own log line for each flip.
 */
export async function downDetectionLatency(dialect: Dialect, print: Print): Promise<void> {
  const background = envInt('BENCH_CHECKS', 100_000, 0, 2_000_000);
  const db = await freshBenchDatabase(dialect);
  const receiver = await startWebhookReceiver();
  let server: RunningWatchpost | null = null;
  try {
    progress(
      `${dialect}: seeding ${background} checks plus ${STAGGERED} due in ${LEAD_MS / 1000}–${(LEAD_MS + SPREAD_MS) / 1000} s`,
    );
    const { deadlines, codes } = await seedDeadlines(db.url, background, receiver.url);
    const flips = new Map<number, FlipLog>();
    const onLine = (line: string) => {
      const flip = parseFlip(line);
      if (flip && deadlines.has(flip.checkId) && !flips.has(flip.checkId)) flips.set(flip.checkId, flip);
    };
    server = await startWatchpostProcess({
      databaseUrl: db.url,
      logLevel: 'info',
      onLine,
      env: { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' },
    });
    const readyAtMs = Date.now();
    progress(
      `${dialect}: server ready after ${Math.round(server.readyAt - server.spawnedAt)} ms; waiting for ${STAGGERED} flips`,
    );
    const waitUntil = readyAtMs + WAIT_MS;
    const done = () => flips.size >= deadlines.size && receiver.received.size >= deadlines.size;
    while (!done() && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    await server.child.stop();

    printLatency(dialect, print, { deadlines, flips, readyAtMs, background });
    printWebhookLatency(dialect, print, { deadlines, codes, received: receiver.received, readyAtMs });
    const problems = loggedProblems(server.child.output());
    if (problems.length > 0)
      print(`note_${dialect} watchpost logged ${problems.length} warn/error lines, first: ${problems[0]!.slice(0, 300)}`);
  } finally {
    await server?.child.stop();
    await receiver.close();
    await db.drop();
  }
}

interface Observed {
  deadlines: Map<number, number>;
  flips: Map<number, FlipLog>;
  readyAtMs: number;
  background: number;
}

function printLatency(dialect: Dialect, print: Print, { deadlines, flips, readyAtMs, background }: Observed): void {
  // A deadline already past at readiness is flipped by the first sweep: that is start-up, not detection.
  const counted = [...deadlines].filter(([, deadline]) => deadline > readyAtMs);
  const latencies = counted
    .flatMap(([id]) => {
      const flip = flips.get(id);
      return flip ? [flip.time - flip.at] : [];
    })
    .sort((a, b) => a - b);
  const misdated = [...flips.values()].filter((f) => f.at !== deadlines.get(f.checkId)).length;
  const fmt = (p: number) => (latencies.length > 0 ? `${Math.round(percentile(latencies, p))} ms` : 'n/a');
  const details = [
    `${flips.size}/${deadlines.size} flipped`,
    `${background} other checks stored`,
    ...(counted.length < deadlines.size
      ? [`${deadlines.size - counted.length} deadlines already past at readiness, not counted`]
      : []),
    ...(misdated > 0 ? [`${misdated} flips dated away from their deadline`] : []),
  ];
  print(
    `down_detection_latency_${dialect} p50 ${fmt(50)} p99 ${fmt(99)} max ${fmt(100)} healthchecks_sendalerts 200–1600 ms target p99 ≤ 100 ms (${details.join(', ')})`,
  );
}

/** A local webhook target that notes when each check's down request arrived (real time). */
async function startWebhookReceiver() {
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    const code = (req.url ?? '').slice(1);
    if (!received.has(code)) received.set(code, Date.now());
    res.end('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Delivered {
  deadlines: Map<number, number>;
  codes: Map<number, string>;
  received: Map<string, number>;
  readyAtMs: number;
}

/** Real time from each deadline to its webhook request reaching the receiver. */
function printWebhookLatency(dialect: Dialect, print: Print, { deadlines, codes, received, readyAtMs }: Delivered): void {
  const counted = [...deadlines].filter(([, deadline]) => deadline > readyAtMs);
  const latencies = counted
    .flatMap(([id, deadline]) => {
      const at = received.get(codes.get(id)!);
      return at === undefined ? [] : [at - deadline];
    })
    .sort((a, b) => a - b);
  const fmt = (p: number) => (latencies.length > 0 ? `${Math.round(percentile(latencies, p))} ms` : 'n/a');
  print(
    `deadline_to_webhook_latency_${dialect} p50 ${fmt(50)} p99 ${fmt(99)} max ${fmt(100)} target ≤ 250 ms (${received.size}/${deadlines.size} delivered, ${counted.length} counted)`,
  );
}
