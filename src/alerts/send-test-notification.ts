import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import { NEW_CHECK_FIELDS } from '../domain/apply-check-changes.js';
import type { Integration } from '../integrations/integration.js';
import type { NotificationContext, NotifyStatus } from '../integrations/notification-context.js';
import { findIntegration } from '../integrations/registry.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import { findProjectChannel, recordChannelAttempt } from '../store/channels.js';
import { projectDisplay } from '../store/notification-facts.js';
import { finishTestNotification, startTestNotification } from '../store/test-notifications.js';
import { integrationIo, type AlertDeps, type Senders } from './integration-io.js';
import { runIntegration } from './run-integration.js';

const DAY_MS = 86_400_000;

/** Down, unless the channel only speaks on up (spec §9.7). */
function testStatus(integration: Integration | undefined, value: string): NotifyStatus {
  if (!integration) return 'down';
  try {
    const config = integration.fromStored(value);
    return integration.isNoop(config, 'down') && !integration.isNoop(config, 'up') ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/** The dummy check of spec §9.7: `TEST`, down, last pinged a day ago, 42 pings. */
function testContext(
  code: string,
  status: NotifyStatus,
  now: number,
  project: { code: string; name: string },
  channel: { code: string; name: string },
): NotificationContext {
  const checkCode = newUuid();
  return {
    notificationCode: code,
    status,
    flip: { at: now, oldStatus: status === 'down' ? 'up' : 'down', reason: status === 'down' ? 'timeout' : '' },
    check: {
      code: checkCode,
      name: 'TEST',
      slug: 'test',
      tags: '',
      desc: '',
      // a new check's defaults (spec §1.4)
      kind: NEW_CHECK_FIELDS.kind,
      timeoutSeconds: NEW_CHECK_FIELDS.timeoutSeconds,
      graceSeconds: NEW_CHECK_FIELDS.graceSeconds,
      schedule: NEW_CHECK_FIELDS.schedule,
      tz: NEW_CHECK_FIELDS.tz,
      status,
      nPings: 42,
      uniqueKey: '0000000000000000000000000000000000000000',
      json: { name: 'TEST', slug: 'test', uuid: checkCode, status, n_pings: 42 },
    },
    channel,
    project,
    lastPing: {
      n: 42,
      at: now - DAY_MS,
      kind: 'success',
      exitStatus: null,
      scheme: 'http',
      remoteAddr: null,
      method: 'GET',
      ua: '',
      body: null,
    },
    downtimeMs: status === 'up' ? DAY_MS : null,
    otherChecks: null,
    test: true,
    now,
  };
}

/**
 * `POST /api/v3/channels/<id>/test`: sends a test notification now and reports how it went.
 * Synchronous, like Healthchecks' button: the caller wants the provider's answer.
 */
export async function sendTestNotification(
  deps: AlertDeps,
  senders: Senders,
  caller: ApiCaller,
  channelCode: string,
): Promise<{ ok: boolean; error: string | null }> {
  const channel = await findProjectChannel(deps.store.db, caller.projectId, channelCode);
  if (!channel) throw new AppError('not_found', 'channel not found');
  const now = deps.clock.now();
  const status = testStatus(findIntegration(channel.kind), channel.value);
  const code = newUuid();
  const project = (await projectDisplay(deps.store.db, caller.projectId)) ?? { code: '', name: '' };
  await startTestNotification(deps.store.db, { code, channelId: channel.id, status, at: now });
  const ctx = testContext(code, status, now, project, { code: channel.code, name: channel.name });
  const result = await runIntegration(deps, channel, ctx, integrationIo(deps, senders, channel, ctx));
  const error =
    result === 'no-op' ? 'Nothing to send: this integration is off for both up and down' : result.ok ? '' : result.error;
  const durationMs = deps.clock.now() - now;
  await finishTestNotification(deps.store.db, code, { error, durationMs });
  await recordChannelAttempt(deps.store.db, channel.id, {
    startedAt: now,
    durationMs,
    error,
    disable: result !== 'no-op' && !result.ok && result.permanent,
  });
  return { ok: error === '', error: error || null };
}
