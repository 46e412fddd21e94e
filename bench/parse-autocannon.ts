import type { LoadFigures } from './load.js';

interface AutocannonJson {
  duration: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon --json: one JSON object on stdout, latencies already in ms. */
export function parseAutocannon(text: string): LoadFigures {
  const result = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as AutocannonJson;
  return {
    requestsPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    responses: result['2xx'] + result.non2xx,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    socketErrors: result.errors + result.timeouts,
  };
}
