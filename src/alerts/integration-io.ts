import type { Deps } from '../deps.js';
import type { DeliveryResult, IntegrationIo } from '../integrations/integration.js';
import type { NotificationContext } from '../integrations/notification-context.js';
import type { Mailer } from '../outbound/mailer.js';
import type { OutboundHttp } from '../outbound/outbound-http.js';
import { findProjectChannel, recordChannelAttempt, updateChannelValue } from '../store/channels.js';
import { consumeMonthlyQuota } from '../store/monthly-quota.js';
import { tryConsumeToken } from '../store/token-buckets.js';
import { runIntegration } from './run-integration.js';

/** The process-wide senders every delivery shares. */
export interface Senders {
  readonly http: OutboundHttp;
  readonly mailer: Mailer;
}

export type AlertDeps = Pick<Deps, 'store' | 'clock' | 'log' | 'config' | 'secretKey'>;

function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * The IntegrationIo of one delivery to `channel`: storage-backed callbacks scoped to that
 * channel and its project, so a transport can touch nothing else.
 */
export function integrationIo(
  deps: AlertDeps,
  senders: Senders,
  channel: { id: number; projectId: number },
  ctx: NotificationContext,
  depth = 0,
): IntegrationIo {
  const { store, clock, config } = deps;
  return {
    http: senders.http,
    mailer: senders.mailer,
    settings: config.integrations,
    siteName: config.siteName,
    siteRoot: config.siteRoot,
    secretKey: deps.secretKey,
    clock,
    log: deps.log.child({ component: 'integrations', channelId: channel.id }),
    allow: (key, capacity, periodMs) => tryConsumeToken(store, key, capacity, periodMs, clock.now()),
    updateChannelValue: (value) => updateChannelValue(store.db, channel.id, value),
    consumeMonthlyQuota: (kind) => consumeMonthlyQuota(store.db, channel.projectId, kind, clock.now(), monthStart(clock.now())),
    async notifyMember(code): Promise<DeliveryResult | 'no-op' | null> {
      const member = await findProjectChannel(store.db, channel.projectId, code);
      // A group inside a group could loop forever: members are plain channels (spec §9.3).
      if (!member || member.disabled || member.kind === 'group' || depth > 0) return null;
      const memberCtx = { ...ctx, channel: { code: member.code, name: member.name } };
      const startedAt = clock.now();
      const result = await runIntegration(deps, member, memberCtx, integrationIo(deps, senders, member, memberCtx, depth + 1));
      if (result === 'no-op') return result;
      await recordChannelAttempt(store.db, member.id, {
        startedAt,
        durationMs: clock.now() - startedAt,
        error: result.ok ? '' : result.error,
        disable: !result.ok && result.permanent,
      });
      return result;
    },
  };
}
