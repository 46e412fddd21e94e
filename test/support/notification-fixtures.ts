import { afterEach } from 'node:test';
import { loadConfig, type Env } from '../../src/config.js';
import type { IntegrationIo } from '../../src/integrations/integration.js';
import type { NotificationContext, OtherCheck } from '../../src/integrations/notification-context.js';
import { manualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { Mailer } from '../../src/outbound/mailer.js';
import { makeOutboundHttp } from '../../src/outbound/http-client.js';
import { startRecordingServer } from './recording-server.js';

export const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);

type ContextOverrides = Partial<Omit<NotificationContext, 'check'>> & { check?: Partial<NotificationContext['check']> };

/** A down notification for "Backup" (simple, 1 day + 1 hour) that last pinged two days ago. */
export function makeContext(overrides: ContextOverrides = {}): NotificationContext {
  const { check, ...rest } = overrides;
  const code = '0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10';
  return {
    notificationCode: 'a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11',
    status: 'down',
    flip: { at: NOW - 60_000, oldStatus: 'up', reason: 'timeout' },
    check: {
      code,
      name: 'Backup',
      slug: 'backup',
      tags: 'prod db',
      desc: 'Nightly database backup',
      kind: 'simple',
      timeoutSeconds: 86_400,
      graceSeconds: 3_600,
      schedule: '* * * * *',
      tz: 'UTC',
      status: 'down',
      nPings: 42,
      uniqueKey: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      json: { name: 'Backup', slug: 'backup', uuid: code, status: 'down' },
      ...check,
    },
    channel: { code: 'c3d4e5f6-0718-4a9b-8c0d-1e2f3a4b5c6d', name: '' },
    project: { code: '5c1b7d2e-8f3a-4b6c-9d0e-1f2a3b4c5d6e', name: 'Ops' },
    lastPing: {
      n: 42,
      at: NOW - 2 * 86_400_000,
      kind: 'success',
      exitStatus: null,
      scheme: 'https',
      remoteAddr: '203.0.113.7',
      method: 'POST',
      ua: 'curl/8.5.0',
      body: new TextEncoder().encode('backup finished: 12 GB'),
    },
    downtimeMs: null,
    otherChecks: null,
    test: false,
    now: NOW,
    ...rest,
  };
}

/** A mailer for transports that must not send mail in a test. */
export const refusingMailer: Mailer = { send: () => Promise.resolve({ ok: false, error: 'no mail in this test' }) };

/**
 * Real outbound HTTP (private addresses allowed: the targets are local recording servers) and
 * settings read from `env` exactly as the server reads them. Per-test seams: `allow` (rate
 * limits), `mailer`, and the channel callbacks.
 */
export function makeIo(env: Env = {}, overrides: Partial<IntegrationIo> = {}): IntegrationIo & { close(): Promise<void> } {
  const config = loadConfig({
    INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True',
    SITE_NAME: 'Mychecks',
    SITE_ROOT: 'https://checks.example.org',
    ...env,
  });
  const http = makeOutboundHttp({ allowPrivateIps: config.integrationsAllowPrivateIps, userAgent: config.siteName });
  return {
    http,
    mailer: refusingMailer,
    settings: config.integrations,
    siteName: config.siteName,
    siteRoot: config.siteRoot,
    secretKey: 'test-secret-key-not-for-production',
    clock: manualClock(NOW),
    log: silentLogger,
    allow: () => Promise.resolve(true),
    updateChannelValue: () => Promise.resolve(),
    consumeMonthlyQuota: () => Promise.resolve(true),
    notifyMember: () => Promise.resolve(null),
    ...overrides,
    close: () => http.close(),
  };
}

/**
 * For a test file of one integration kind: call once at its top level. Each call of the returned
 * function starts a recording server (the provider) and an `io` whose settings may name it
 * (`env` given the server's URL); both are closed after the test that made them.
 */
export function useRecordingTargets() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return async (env: Env | ((url: string) => Env) = {}, overrides: Partial<IntegrationIo> = {}) => {
    const server = await startRecordingServer();
    const io = makeIo(typeof env === 'function' ? env(server.url) : env, overrides);
    cleanups.push(
      () => server.close(),
      () => io.close(),
    );
    return { server, io };
  };
}

/** The context's `otherChecks` when `down` are the project's other checks that are down. */
export function others(down: OtherCheck[]) {
  return { downCount: down.length, down };
}
