import type { LoadFigures } from './load.js';

const TIME_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function timeMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  return match ? Number(match[1]) * TIME_UNITS_MS[match[2]!]! : NaN;
}

function count(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

/** wrk 4's text report, run with --latency. Missing lines count as zero errors, NaN figures. */
export function parseWrk(text: string): LoadFigures {
  const distribution = new Map<string, number>();
  for (const match of text.matchAll(/^\s+(50|75|90|99)%\s+(\S+)$/gm)) distribution.set(match[1]!, timeMs(match[2]!));
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const total = count(text, /(\d+) requests in /);
  // wrk counts every status above 399 as non-2xx; 3xx would be counted as answered.
  const non2xx = count(text, /Non-2xx or 3xx responses: (\d+)/);
  return {
    requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? NaN),
    p50Ms: distribution.get('50') ?? NaN,
    p99Ms: distribution.get('99') ?? NaN,
    responses: total,
    ok2xx: total - non2xx,
    non2xx,
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}
