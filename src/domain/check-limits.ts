/**
 * The bounds of a check's fields (spec §1.4, §4.7), shared by the API's validation table and
 * the dashboard's forms so the two can never disagree.
 */
export const CHECK_LIMITS = {
  /** name, slug and schedule, in code points */
  textMax: 100,
  /** start_kw, success_kw, failure_kw */
  keywordsMax: 200,
  durationMinSeconds: 60,
  /** 365 days */
  durationMaxSeconds: 31_536_000,
  /** Explicit slugs (any API version; the dashboard too). */
  slugPattern: '^[a-z0-9_-]*$',
} as const;
