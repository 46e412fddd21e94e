import type { Generated } from 'kysely';
import type { CloudTables } from './cloud-schema.js';

/**
 * Table types as the database holds them: snake_case, instants as epoch ms, booleans as 0/1 on
 * both dialects (one representation keeps the row mappers dialect-free).
 */
export interface Database extends CloudTables {
  settings: SettingsTable;
  users: UsersTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  checks: ChecksTable;
  pings: PingsTable;
  flips: FlipsTable;
  channels: ChannelsTable;
  checks_channels: ChecksChannelsTable;
  notifications: NotificationsTable;
  token_buckets: TokenBucketsTable;
  sessions: SessionsTable;
  login_links: LoginLinksTable;
  members: MembersTable;
}

type Flag = 0 | 1;

export interface SettingsTable {
  name: string;
  value: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  is_superuser: Generated<Flag>;
  /** null: the configured default (CHECK_LIMIT / PING_LOG_LIMIT). */
  check_limit: number | null;
  ping_log_limit: number | null;
  created_at: number;
  /** `off`, `daily`, `weekly` or `monthly` (spec §1.2). */
  reports: Generated<string>;
  /** 0 (no reminders), 3600 or 86400. */
  nag_period_seconds: Generated<number>;
  next_report_at: number | null;
  next_nag_at: number | null;
  tz: Generated<string>;
  /** null: the self-hosted default. */
  sms_limit: number | null;
  sms_sent: Generated<number>;
  last_sms_at: number | null;
  call_limit: number | null;
  calls_sent: Generated<number>;
  last_call_at: number | null;
  /** '' (the system's), 'light' or 'dark'. */
  theme: Generated<string>;
  /** The checks list order (spec §1.2 `sort`). */
  checks_sort: Generated<string>;
}

export interface ProjectsTable {
  id: Generated<number>;
  code: string;
  name: string;
  owner_id: number;
  badge_key: string;
  ping_key: string | null;
  show_slugs: Generated<Flag>;
  created_at: number;
}

export type ApiKeyScope = 'read-write' | 'read-only';

export interface ApiKeysTable {
  id: Generated<number>;
  project_id: number;
  scope: ApiKeyScope;
  /** Characters 5–12 of the key: narrows the HMAC comparison to a candidate or two. */
  prefix: string;
  /** Hex HMAC-SHA256 of the whole key under SECRET_KEY; the key itself is never stored. */
  hash: string;
  created_at: number;
}

export interface ChecksTable {
  id: Generated<number>;
  code: string;
  project_id: number;
  name: Generated<string>;
  slug: Generated<string>;
  tags: Generated<string>;
  description: Generated<string>;
  kind: Generated<string>;
  timeout_seconds: Generated<number>;
  grace_seconds: Generated<number>;
  schedule: Generated<string>;
  tz: Generated<string>;
  filter_subject: Generated<Flag>;
  filter_body: Generated<Flag>;
  filter_http_body: Generated<Flag>;
  filter_default_fail: Generated<Flag>;
  start_kw: Generated<string>;
  success_kw: Generated<string>;
  failure_kw: Generated<string>;
  methods: Generated<string>;
  manual_resume: Generated<Flag>;
  badge_key: string;
  n_pings: Generated<number>;
  last_ping_at: number | null;
  last_start_at: number | null;
  last_start_rid: string | null;
  last_duration_ms: number | null;
  has_confirmation_link: Generated<Flag>;
  alert_after: number | null;
  status: Generated<string>;
  /** Bumped by EVERY update of the row: writers compare-and-set on it (and ping caches trust it). */
  version: Generated<number>;
  created_at: number;
}

export interface PingsTable {
  id: Generated<number>;
  check_id: number;
  n: number;
  created_at: number;
  kind: string;
  scheme: Generated<string>;
  remote_addr: string | null;
  method: Generated<string>;
  ua: Generated<string>;
  body: Uint8Array | null;
  exit_status: number | null;
  rid: string | null;
}

export interface FlipsTable {
  id: Generated<number>;
  check_id: number;
  created_at: number;
  processed_at: number | null;
  old_status: string;
  new_status: string;
  reason: Generated<string>;
}

export interface ChannelsTable {
  id: Generated<number>;
  code: string;
  project_id: number;
  name: Generated<string>;
  kind: string;
  value: Generated<string>;
  email_verified: Generated<Flag>;
  disabled: Generated<Flag>;
  last_notify_at: number | null;
  last_notify_duration_ms: number | null;
  last_error: Generated<string>;
  created_at: number;
}

export interface ChecksChannelsTable {
  check_id: number;
  channel_id: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  code: string;
  check_id: number | null;
  channel_id: number;
  flip_id: number | null;
  /** Set instead of `flip_id` when a Cloud check or core instance flipped. */
  cloud_flip_id: number | null;
  check_status: Generated<string>;
  created_at: number;
  /** pending → sending (claimed) → sent | failed. */
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: number | null;
  claimed_at: number | null;
  duration_ms: number | null;
  error: Generated<string>;
  /** While claimed: the sender owns it until then (a dead sender's claim expires). */
  lease_until: number | null;
}

export interface TokenBucketsTable {
  key: string;
  tokens: number;
  updated_at: number;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

export interface LoginLinksTable {
  token_hash: string;
  user_id: number;
  /** 'login' (an emailed sign-in link), 'invite', 'change-email:<address>'. */
  purpose: string;
  created_at: number;
  expires_at: number;
}

export type MemberRole = 'r' | 'w' | 'm';

export interface MembersTable {
  project_id: number;
  user_id: number;
  role: MemberRole;
  created_at: number;
}
