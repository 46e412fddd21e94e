import type { FastifyInstance } from 'fastify';
import { resolveSecretKey } from './accounts/secret-key.js';
import { loadConfig, type Env } from './config.js';
import type { Deps } from './deps.js';
import { buildApp } from './http/app.js';
import { systemClock, type Clock } from './lib/clock.js';
import { makeLogger, type Logger } from './lib/logger.js';
import { makePingRecorder } from './ping/record-ping.js';
import { makeSenders } from './alerts/senders.js';
import { startDeliveryLoop, type DeliveryLoop } from './scheduler/delivery-loop.js';
import { startDetectorLoop, type DetectorLoop } from './scheduler/detector-loop.js';
import { startHousekeepingLoop } from './scheduler/housekeeping-loop.js';
import { startProberLoop, type ProberLoop } from './scheduler/prober-loop.js';
import type { Repeating } from './scheduler/repeat-every.js';
import { startReportsLoop, type ReportsLoop } from './scheduler/reports-loop.js';
import { startSmtpListener, type SmtpListener } from './smtp/smtp-listener.js';
import { migrate } from './store/migrate.js';
import { openStore } from './store/open-store.js';

export interface Roles {
  http: boolean;
  alerts: boolean;
  /** Inbound email pings, when SMTPD_PORT is set. */
  smtp: boolean;
}

export interface Running {
  deps: Deps;
  app: FastifyInstance | null;
  /** The address the HTTP server listens on, e.g. http://127.0.0.1:8000. */
  url: string | null;
  stop(): Promise<void>;
}

/** `watchpost migrate`: applies pending migrations and names them. */
export async function migrateDatabase(env: Env): Promise<string[]> {
  const store = openStore(loadConfig(env).database);
  try {
    return await migrate(store);
  } finally {
    await store.close();
  }
}

/** Opens the store and migrates it: what every CLI command needs before its use-case. */
export async function openDeps(env: Env, options: { clock?: Clock; log?: Logger } = {}): Promise<Deps> {
  const config = loadConfig(env);
  const log = options.log ?? makeLogger(config.logLevel);
  const store = openStore(config.database);
  try {
    await migrate(store);
    const secretKey = await resolveSecretKey(store, config);
    return { store, clock: options.clock ?? systemClock, log, config, secretKey };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Wiring only. Stops in reverse: no new requests, commit what was accepted, then the rest. */
export async function startWatchpost(env: Env, roles: Roles, options: { clock?: Clock; log?: Logger } = {}): Promise<Running> {
  const deps = await openDeps(env, options);
  let detector: DetectorLoop | null = null;
  let delivery: DeliveryLoop | null = null;
  let reports: ReportsLoop | null = null;
  let prober: ProberLoop | null = null;
  let housekeeping: Repeating | null = null;
  let app: FastifyInstance | null = null;
  let smtp: SmtpListener | null = null;
  const senders = makeSenders(deps);
  const recorder = makePingRecorder(deps, {
    onAlertAfter: (ms) => detector?.rearm(ms),
    onFlip: () => delivery?.wake(),
  });
  const stopAll = async () => {
    await app?.close();
    await smtp?.close();
    await recorder.drain();
    await detector?.stop();
    await delivery?.stop();
    await reports?.stop();
    await prober?.stop();
    await housekeeping?.stop();
    await senders.close();
    await deps.store.close();
  };
  try {
    if (roles.alerts) {
      delivery = startDeliveryLoop(deps, senders);
      detector = startDetectorLoop(deps, { onFlips: () => delivery?.wake() });
      reports = startReportsLoop(deps, senders.mailer);
      prober = startProberLoop(deps);
      housekeeping = startHousekeepingLoop(deps);
    }
    if (roles.smtp && deps.config.smtpdPort !== null) {
      smtp = await startSmtpListener(deps, recorder, { host: deps.config.host, port: deps.config.smtpdPort });
      deps.log.info({ port: smtp.port }, 'accepting email pings');
    }
    let url: string | null = null;
    if (roles.http) {
      app = await buildApp(deps, recorder, senders);
      url = await app.listen({ host: deps.config.host, port: deps.config.port });
      deps.log.info({ url, database: deps.store.dialect }, 'watchpost listening');
    }
    return {
      deps,
      app,
      url,
      async stop() {
        await stopAll();
        deps.log.info('watchpost stopped');
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
