import type { Deps } from '../deps.js';
import { failed, type DeliveryResult, type IntegrationIo } from '../integrations/integration.js';
import type { NotificationContext } from '../integrations/notification-context.js';
import { findIntegration } from '../integrations/registry.js';

export interface ChannelToNotify {
  kind: string;
  value: string;
  emailVerified: boolean;
}

/**
 * One transport call for one channel (spec §9.1 steps 1 and 3): 'no-op' when the channel sends
 * nothing for this status. A transport that throws is a bug in it, not a reason to stop the
 * pipeline: it becomes a transient failure with the message.
 */
export async function runIntegration(
  deps: Pick<Deps, 'config' | 'log'>,
  channel: ChannelToNotify,
  ctx: NotificationContext,
  io: IntegrationIo,
): Promise<DeliveryResult | 'no-op'> {
  const integration = findIntegration(channel.kind);
  if (!integration) return failed(`Unknown integration kind "${channel.kind}"`);
  let config: unknown;
  try {
    config = integration.fromStored(channel.value);
  } catch {
    return failed('Invalid integration configuration');
  }
  if (integration.isNoop(config, ctx.status)) return 'no-op';
  if (channel.kind === 'email' && !channel.emailVerified && deps.config.integrations.emailUseVerification) {
    return failed('Email not verified');
  }
  try {
    return await integration.notify(ctx, config, io);
  } catch (error) {
    deps.log.error({ err: error, kind: channel.kind }, 'integration threw');
    return failed(`Delivery failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
