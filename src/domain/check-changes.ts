import type { CheckKind } from './check.js';

export type UniqueField = 'name' | 'slug' | 'tags' | 'timeout' | 'grace';

/** What a create or update asks to change; absent fields stay as they are (spec §4.7, §4.10). */
export interface CheckChanges {
  name?: string;
  /** An explicit slug; v1/v2 derive one from `name` when this is absent. */
  slug?: string;
  tags?: string;
  desc?: string;
  timeoutSeconds?: number;
  graceSeconds?: number;
  /** A non-empty schedule with its detected kind: it makes the check cron or OnCalendar. */
  schedule?: { expr: string; kind: Exclude<CheckKind, 'simple'> };
  /** Canonical IANA name (aliases already mapped). */
  tz?: string;
  manualResume?: boolean;
  methods?: '' | 'POST';
  startKw?: string;
  successKw?: string;
  failureKw?: string;
  /** Deprecated: sets success_kw / failure_kw and recomputes filter_subject. */
  subject?: string;
  subjectFail?: string;
  filterSubject?: boolean;
  filterBody?: boolean;
  filterHttpBody?: boolean;
  filterDefaultFail?: boolean;
  /** `*`, `''` or comma-separated channel UUIDs or names (spec §4.9). */
  channels?: string;
  unique: UniqueField[];
}
