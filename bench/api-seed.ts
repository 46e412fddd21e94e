import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Deps } from '../src/deps.js';
import type { ChannelsTable, ChecksChannelsTable } from '../src/store/schema.js';
import { makeProject } from '../test/support/factories.js';
import { checkRow, insertChecks, withDatabase, type CheckRow } from './seed.js';

/** Rows per INSERT for the two-column link table, well under both dialects' bind limits. */
const CHUNK_ROWS = 1_000;
const HOUR_MS = 3_600_000;
const JOBS = ['db-backup', 'nightly-report', 'cache-warm', 'cert-renew', 'queue-drain', 'log-rotate'];
const HOSTS = ['web', 'worker', 'db', 'batch', 'edge'];
const TAG_SETS = ['prod backup', 'prod', 'staging', 'prod billing eu', 'staging backup', 'eu cron', 'prod cron'];
/** The tag the filtered figure asks for: on two of the seven tag sets. */
export const MEASURED_TAG = 'backup';

export interface SeededApiProject {
  apiKey: string;
  /** Checks seeded in all, and those carrying MEASURED_TAG. */
  checks: number;
  tagged: number;
  /** One check to read by UUID. */
  sampleCode: string;
}

/** The schema's defaults for the columns some rows set. */
const UNSET = {
  kind: 'simple',
  timeout_seconds: 86_400,
  grace_seconds: 3_600,
  schedule: '* * * * *',
  tz: 'UTC',
  status: 'new',
  n_pings: 0,
  last_ping_at: null,
  last_start_at: null,
  last_duration_ms: null,
  alert_after: null,
} satisfies Partial<CheckRow>;

/**
 * Mostly `up` with deadlines an hour or more away (so the detector flips nothing during the
 * run), a fifth cron, a tenth each paused, down and never pinged; a few descriptions and
 * running checks. Times relative to `now`.
 */
function apiCheckRow(projectId: number, i: number, now: number): CheckRow {
  const job = JOBS[i % JOBS.length]!;
  const host = HOSTS[Math.floor(i / JOBS.length) % HOSTS.length]!;
  const name = `${host} ${job} ${String(i).padStart(5, '0')}`;
  // Every row names the same columns: a multi-row INSERT binds NULL (not DEFAULT) for a
  // column only some rows name, on SQLite.
  const base: Partial<CheckRow> = {
    ...UNSET,
    name,
    slug: name.replaceAll(' ', '-'),
    tags: TAG_SETS[i % TAG_SETS.length]!,
    description: i % 4 === 0 ? `Runs ${job} on ${host}; owner: ops. See the runbook before pausing.` : '',
  };
  // A minute or more ago, so a running check's start (5 s ago) comes after its last ping.
  const lastPingAt = now - 60_000 - (i % 1_800) * 1_000;
  switch (i % 10) {
    case 5:
    case 6: {
      const grace_seconds = 3_600;
      const cron = { kind: 'cron', schedule: '*/5 * * * *', tz: 'Europe/Riga', grace_seconds } as const;
      const alert_after = lastPingAt + 300_000 + grace_seconds * 1_000;
      return checkRow(projectId, { ...base, ...cron, status: 'up', n_pings: 200 + i, last_ping_at: lastPingAt, alert_after });
    }
    case 7:
      return checkRow(projectId, { ...base, status: 'paused', n_pings: 40, last_ping_at: now - 3 * 24 * HOUR_MS });
    case 8:
      return checkRow(projectId, { ...base, status: 'down', n_pings: 90, last_ping_at: now - 2 * 24 * HOUR_MS });
    case 9:
      return checkRow(projectId, base);
    default: {
      const timeout_seconds = [3_600, 86_400, 7 * 86_400][i % 3]!;
      const alert_after = lastPingAt + (timeout_seconds + 3_600) * 1_000;
      const running = i % 50 === 0 ? { last_start_at: now - 5_000 } : {};
      const duration = i % 3 === 0 ? { last_duration_ms: 1_000 + (i % 600) * 1_000 } : {};
      const timing = { timeout_seconds, last_ping_at: lastPingAt, alert_after, ...running, ...duration };
      return checkRow(projectId, { ...base, ...timing, status: 'up', n_pings: 1_000 + i });
    }
  }
}

/** Three webhooks on 127.0.0.1:9 (discard), should anything ever notify during a bench. */
async function insertChannels(deps: Deps, projectId: number): Promise<number[]> {
  const names = ['Ops webhook', 'Pager bridge', 'Chat relay'];
  const rows: Array<Insertable<ChannelsTable>> = names.map((name, n) => ({
    code: randomUUID(),
    project_id: projectId,
    name,
    kind: 'webhook',
    value: JSON.stringify({ method_down: 'POST', url_down: `http://127.0.0.1:9/down/${n}`, url_up: '' }),
    created_at: Date.now(),
  }));
  const inserted = await deps.store.db.insertInto('channels').values(rows).returning('id').execute();
  return inserted.map((row) => Number(row.id));
}

/** About two checks in three get the first channel, one in three the second, one in seven the third. */
function links(checkIds: readonly number[], channelIds: readonly number[]): Array<Insertable<ChecksChannelsTable>> {
  const [first, second, third] = channelIds as [number, number, number];
  return checkIds.flatMap((check_id, i) => [
    ...(i % 3 !== 2 ? [{ check_id, channel_id: first }] : []),
    ...(i % 3 === 1 ? [{ check_id, channel_id: second }] : []),
    ...(i % 7 === 0 ? [{ check_id, channel_id: third }] : []),
  ]);
}

/** One project (with its API key in clear) holding `count` checks of varied kinds and states. */
export async function seedApiProject(databaseUrl: string, count: number): Promise<SeededApiProject> {
  return withDatabase(databaseUrl, async (deps) => {
    const project = await makeProject(deps, 'API bench');
    const now = Date.now();
    const rows = Array.from({ length: count }, (_, i) => apiCheckRow(project.projectId, i, now));
    const ids = await insertChecks(deps, rows);
    const channelIds = await insertChannels(deps, project.projectId);
    const all = links(
      rows.map((row) => ids.get(row.code)!),
      channelIds,
    );
    await deps.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < all.length; i += CHUNK_ROWS)
        await trx
          .insertInto('checks_channels')
          .values(all.slice(i, i + CHUNK_ROWS))
          .execute();
    });
    const tagged = rows.filter((row) => row.tags!.split(' ').includes(MEASURED_TAG)).length;
    return { apiKey: project.api_key, checks: count, tagged, sampleCode: rows[Math.floor(count / 2)]!.code };
  });
}
