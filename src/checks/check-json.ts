import type { CheckWithChannels } from './read-checks.js';
import type { Config } from '../config.js';
import { checkBadgeUrl } from '../domain/badge-urls.js';
import { nextPingAt, statusAt } from '../domain/status.js';
import { uniqueKey } from '../domain/unique-key.js';
import { isoSeconds } from '../lib/iso-time.js';

export type ApiVersion = 1 | 2 | 3;

export interface CheckJsonContext {
  version: ApiVersion;
  readOnly: boolean;
  now: number;
  config: Pick<Config, 'siteRoot' | 'pingEndpoint'>;
}

/** The check object of spec §1.11, keys in Healthchecks' order (clients compare shapes). */
export function checkJson(check: CheckWithChannels, ctx: CheckJsonContext): Record<string, unknown> {
  const { siteRoot, pingEndpoint } = ctx.config;
  const json: Record<string, unknown> = {
    name: check.name,
    slug: check.slug,
    tags: check.tags,
    desc: check.desc,
    grace: check.graceSeconds,
    n_pings: check.nPings,
    // v1 reports a running check as `started`; v2/v3 keep the status and say `started: true`.
    status: statusAt(check, ctx.now, ctx.version === 1),
    started: check.lastStartAt !== null,
    last_ping: isoSeconds(check.lastPingAt),
    next_ping: isoSeconds(nextPingAt(check)),
    manual_resume: check.manualResume,
    methods: check.methods,
    subject: check.filterSubject ? check.successKw : '',
    subject_fail: check.filterSubject ? check.failureKw : '',
    start_kw: check.startKw,
    success_kw: check.successKw,
    failure_kw: check.failureKw,
    filter_subject: check.filterSubject,
    filter_body: check.filterBody,
    filter_http_body: check.filterHttpBody,
    filter_default_fail: check.filterDefaultFail,
    badge_url: checkBadgeUrl(siteRoot, check.badgeKey),
  };
  if (check.lastDurationMs) json.last_duration = Math.trunc(check.lastDurationMs / 1000);
  if (ctx.readOnly) {
    json.unique_key = uniqueKey(check.code);
  } else {
    const updateUrl = `${siteRoot}/api/v${ctx.version}/checks/${check.code}`;
    json.uuid = check.code;
    json.ping_url = `${pingEndpoint}${check.code}`;
    json.update_url = updateUrl;
    json.pause_url = `${updateUrl}/pause`;
    json.resume_url = `${updateUrl}/resume`;
    json.channels = [...check.channelCodes].sort().join(',');
  }
  if (check.kind === 'simple') {
    json.timeout = check.timeoutSeconds;
  } else {
    json.schedule = check.schedule;
    json.tz = check.tz;
  }
  return json;
}
