import type { z } from 'zod';
import type { IntegrationSettings } from '../config-integrations.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { OutboundHttp, OutboundResult } from '../outbound/outbound-http.js';
import type { Mailer } from '../outbound/mailer.js';
import type { NotificationContext, NotifyStatus } from './notification-context.js';

/**
 * What one delivery attempt came to. `permanent` errors disable the channel (spec §9.1: the
 * provider said the target is gone); the others are retried later with backoff.
 */
export type DeliveryResult = { ok: true } | { ok: false; error: string; permanent: boolean };

export const delivered: DeliveryResult = { ok: true };

export function failed(error: string, permanent = false): DeliveryResult {
  return { ok: false, error, permanent };
}

/** A transport's answer from the outbound client's result. */
export function deliveryOf(result: OutboundResult): DeliveryResult {
  return result.ok ? delivered : failed(result.error, result.permanent);
}

/** Everything a transport may touch besides its channel's configuration. */
export interface IntegrationIo {
  readonly http: OutboundHttp;
  readonly mailer: Mailer;
  readonly settings: IntegrationSettings;
  readonly siteName: string;
  readonly siteRoot: string;
  /** SECRET_KEY: signs bounce addresses and unsubscribe links. */
  readonly secretKey: string;
  readonly clock: Clock;
  readonly log: Logger;
  /**
   * Token bucket of spec §1.9, shared by every process through the database: true when one
   * more message to `key` fits `capacity` per `periodMs`.
   */
  allow(key: string, capacity: number, periodMs: number): Promise<boolean>;
  /** Rewrites the channel's stored value (Telegram's `migrate_to_chat_id`). */
  updateChannelValue(value: string): Promise<void>;
  /**
   * Counts one SMS/WhatsApp message or phone call against the project owner's monthly limit;
   * false when the limit is used up (spec §1.2 `sms_limit`, `call_limit`).
   */
  consumeMonthlyQuota(kind: 'sms' | 'call'): Promise<boolean>;
  /** Delivers to another channel of the same project (the `group` kind); null if it is gone. */
  notifyMember(channelCode: string): Promise<DeliveryResult | 'no-op' | null>;
}

/**
 * One integration kind (spec §9.3). `config` is the kind's stored configuration: a string for
 * kinds that store a plain value (a webhook URL, a service key), an object for JSON kinds. The
 * API accepts and returns it in that form (DESIGN.md, Integrations API).
 */
export interface Integration<C = unknown> {
  readonly kind: string;
  /** Healthchecks' label: the display name of an unnamed channel and the API `kind` label. */
  readonly label: string;
  /** Validates `config` from the API; messages name the offending field. */
  readonly configSchema: z.ZodType<C>;
  /** Reads a stored `value` (legacy forms included); throws on a value it cannot read. */
  fromStored(value: string): C;
  toStored(config: C): string;
  /**
   * Keys of an object config whose values are secrets, masked for read-only API keys (a dotted
   * key reaches into a nested object: `webhook.url`); `''` marks a plain-string config (a webhook
   * URL carrying its token, an access key) as secret whole.
   */
  readonly secretFields?: readonly string[];
  /** True when this channel sends nothing for `status` (spec §9.1 step 1). */
  isNoop(config: C, status: NotifyStatus): boolean;
  /** Default display name when the channel has none (spec §1.7). */
  displayName?(config: C): string;
  notify(ctx: NotificationContext, config: C, io: IntegrationIo): Promise<DeliveryResult>;
}

/** Lets the registry hold kinds of different config types. */
export function defineIntegration<C>(integration: Integration<C>): Integration<unknown> {
  return integration;
}
