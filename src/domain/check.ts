import type { ScheduleKind } from './schedule/index.js';

/** Stored status; the computed status adds `grace` and (API v1 only) `started`. */
export type StoredStatus = 'new' | 'up' | 'down' | 'paused';
export type ComputedStatus = StoredStatus | 'grace' | 'started';
export type CheckKind = 'simple' | ScheduleKind;

/** The fields that decide a check's status and timing (spec §1.4, §2). Instants are epoch ms. */
export interface CheckTiming {
  kind: CheckKind;
  timeoutSeconds: number;
  graceSeconds: number;
  schedule: string;
  tz: string;
  status: StoredStatus;
  lastPingAt: number | null;
  lastStartAt: number | null;
}

/** The fields classification of an incoming ping reads (spec §3.5, §10). */
export interface CheckFilters {
  methods: string;
  manualResume: boolean;
  filterSubject: boolean;
  filterBody: boolean;
  filterHttpBody: boolean;
  filterDefaultFail: boolean;
  startKw: string;
  successKw: string;
  failureKw: string;
}

/** What a ping changes, plus what it reads to decide (spec §2.6). */
export interface CheckState extends CheckTiming, CheckFilters {
  id: number;
  nPings: number;
  lastStartRid: string | null;
  lastDurationMs: number | null;
  hasConfirmationLink: boolean;
  alertAfter: number | null;
  /** The row's version as read: an optimistic-concurrency token, bumped by the store on write. */
  version: number;
}

export interface Check extends CheckState {
  code: string;
  projectId: number;
  name: string;
  slug: string;
  tags: string;
  desc: string;
  badgeKey: string;
  createdAt: number;
}

/** A new check's filters: any method, no keywords, no manual resume (spec §1.4). */
export const DEFAULT_FILTERS: Readonly<CheckFilters> = {
  methods: '',
  manualResume: false,
  filterSubject: false,
  filterBody: false,
  filterHttpBody: false,
  filterDefaultFail: false,
  startKw: '',
  successKw: '',
  failureKw: '',
};
