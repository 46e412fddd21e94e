import type { CheckKind, StoredStatus } from '../domain/check.js';

export type NotifyStatus = 'up' | 'down';

/** The facts of a check every message is built from (spec §9.2 "building blocks"). */
export interface NotifiedCheck {
  code: string;
  name: string;
  slug: string;
  tags: string;
  desc: string;
  kind: CheckKind;
  timeoutSeconds: number;
  graceSeconds: number;
  schedule: string;
  tz: string;
  /** The stored status when the message is built (webhook `$JSON` shows it, spec §15 173). */
  status: StoredStatus;
  nPings: number;
  /** SHA-1 form of spec §1.10: the alias/incident key providers dedupe on. */
  uniqueKey: string;
  /** The check as API v3 read-write JSON, for the webhook's `$JSON` (a Cloud check: its Cloud API JSON). */
  json: Record<string, unknown>;
  /**
   * The dashboard page links point to, under SITE_ROOT, for what is not a heartbeat check (a
   * Cloud check or core instance, whose ID is no secret to cloak); absent: the check's own page.
   */
  detailsPath?: string;
}

export type PingKind = 'success' | 'start' | 'fail' | 'ign' | 'log';

/** The latest ping (any kind) at or before the flip (spec §9.2 "Last ping"). */
export interface LastPing {
  n: number;
  at: number;
  kind: PingKind;
  exitStatus: number | null;
  scheme: string;
  remoteAddr: string | null;
  method: string;
  ua: string;
  body: Uint8Array | null;
}

export interface OtherCheck {
  name: string;
  code: string;
  lastPingAt: number | null;
}

/**
 * Everything a transport needs to word one notification, gathered once per flip by alerts/
 * so transports stay free of storage.
 */
export interface NotificationContext {
  /** The notification row's UUID: Twilio status callbacks and bounce IDs name it. */
  notificationCode: string;
  /** The flip's new status. */
  status: NotifyStatus;
  flip: {
    at: number;
    oldStatus: StoredStatus;
    reason: '' | 'timeout' | 'fail';
    /** A Cloud flip's reason in words (the probe's error); messages show it instead of `reason`'s. */
    detail?: string;
  };
  check: NotifiedCheck;
  /** The channel being notified (email unsubscribe links name it). */
  channel: { code: string; name: string };
  project: { code: string; name: string };
  lastPing: LastPing | null;
  /** For an up flip after a down flip: how long the check was down (spec §7). */
  downtimeMs: number | null;
  /**
   * The project's other checks (spec §9.2): `downCount` of them are down and, when at most 10
   * are, `down` lists them in natural name order (else it is empty: messages give only the
   * count). Null when the project has no other check.
   */
  otherChecks: { downCount: number; down: OtherCheck[] } | null;
  /** A test notification (spec §9.7): a dummy check named TEST. */
  test: boolean;
  /** When the message is built. */
  now: number;
}
