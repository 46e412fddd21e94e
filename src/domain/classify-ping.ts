import type { CheckFilters } from './check.js';
import { matchesKeywords } from './keywords.js';

/** How a ping is stored: `success` is Healthchecks' null kind. */
export type PingKind = 'success' | 'fail' | 'start' | 'log' | 'ign';
/** What the URL asked for (`/start`, `/fail`, `/log`, plain, or an exit status). */
export type EndpointAction = 'success' | 'fail' | 'start' | 'log';

export type PingSource =
  | { via: 'http'; action: EndpointAction; exitStatus: number | null; method: string; body: Uint8Array }
  | { via: 'email'; subject: string; bodyText: string };

export type Classification = { kind: PingKind } | { error: 'body_not_utf8' };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decides a ping's kind (spec §3.5 for HTTP, §10 for email) — the one place both paths share.
 * Paused + manual_resume → `ign` is applied later, when recording, because it reads the status
 * at commit time.
 */
export function classifyPing(check: CheckFilters, source: PingSource): Classification {
  if (source.via === 'email') {
    if (!check.filterSubject && !check.filterBody) return { kind: 'success' };
    const parts: string[] = [];
    if (check.filterSubject) parts.push(source.subject);
    if (check.filterBody) parts.push(source.bodyText);
    return { kind: byKeywords(check, parts.join('\n')) };
  }
  const endpointKind: PingKind = source.exitStatus !== null && source.exitStatus > 0 ? 'fail' : source.action;
  if (check.methods === 'POST' && source.method !== 'POST') return { kind: 'ign' };
  if (!check.filterHttpBody) return { kind: endpointKind };
  let text: string;
  try {
    text = strictUtf8.decode(source.body);
  } catch {
    // Healthchecks crashes here (500); we refuse the ping with a clear 400 instead.
    return { error: 'body_not_utf8' };
  }
  return { kind: byKeywords(check, text) };
}

function byKeywords(check: CheckFilters, text: string): PingKind {
  if (matchesKeywords(text, check.failureKw)) return 'fail';
  if (matchesKeywords(text, check.successKw)) return 'success';
  if (matchesKeywords(text, check.startKw)) return 'start';
  return check.filterDefaultFail ? 'fail' : 'ign';
}

const lenientUtf8 = new TextDecoder('utf-8');

/** `has_confirmation_link`: the body, decoded leniently, mentions "confirm" in any case. */
export function mentionsConfirmation(body: Uint8Array): boolean {
  if (body.length < 7) return false;
  return lenientUtf8.decode(body).toLowerCase().includes('confirm');
}
