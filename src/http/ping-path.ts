import type { EndpointAction } from '../domain/classify-ping.js';
import type { PingTarget } from '../store/ping-batch.js';

export interface ParsedPingPath {
  target: PingTarget;
  action: EndpointAction;
  exitStatus: number | null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = '[-a-zA-Z0-9_]+';
// Spec §3.1: UUID routes first (only lowercase canonical UUIDs), a trailing slash only after
// the bare UUID, then the slug routes.
const BY_UUID = new RegExp(`^(${UUID})(?:/|/(start|fail|log|[0-9]+))?$`);
const BY_SLUG = new RegExp(`^(${TOKEN})/(${TOKEN})(?:/(start|fail|log|[0-9]+))?$`);

/** `rest` is the path after `/ping/`; null when no ping route matches (→ 404). */
export function parsePingPath(rest: string): ParsedPingPath | null {
  const byUuid = BY_UUID.exec(rest);
  if (byUuid) return withSuffix({ code: byUuid[1]! }, byUuid[2]);
  const bySlug = BY_SLUG.exec(rest);
  if (bySlug) return withSuffix({ pingKey: bySlug[1]!, slug: bySlug[2]! }, bySlug[3]);
  return null;
}

function withSuffix(target: PingTarget, suffix: string | undefined): ParsedPingPath {
  if (suffix === undefined) return { target, action: 'success', exitStatus: null };
  if (suffix === 'start' || suffix === 'fail' || suffix === 'log') return { target, action: suffix, exitStatus: null };
  const exitStatus = Number(suffix);
  return { target, action: exitStatus === 0 ? 'success' : 'fail', exitStatus };
}
