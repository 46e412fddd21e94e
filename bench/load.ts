import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToCompletion } from './child-process.js';
import { parseAutocannon } from './parse-autocannon.js';
import { parseWrk } from './parse-wrk.js';

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadShape {
  threads: number;
  connections: number;
  seconds: number;
}

export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Every response received, whatever its status. */
  responses: number;
  ok2xx: number;
  non2xx: number;
  /** Connect/read/write errors and timeouts. */
  socketErrors: number;
}

const AUTOCANNON = fileURLToPath(new URL('../node_modules/.bin/autocannon', import.meta.url));

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** wrk (Debian's package) when installed, autocannon otherwise; BENCH_TOOL forces either. */
export function loadTool(): LoadTool {
  const forced = process.env.BENCH_TOOL;
  if (forced === 'wrk' || forced === 'autocannon') return forced;
  return onPath('wrk') ? 'wrk' : 'autocannon';
}

export function describeLoad(tool: LoadTool, shape: LoadShape): string {
  return tool === 'wrk'
    ? `wrk -t${shape.threads} -c${shape.connections} -d${shape.seconds}s`
    : `autocannon -c ${shape.connections} -d ${shape.seconds}, latencies in whole ms`;
}

/** Runs the load generator as its own process against `url` (127.0.0.1 only). */
export async function runLoad(tool: LoadTool, url: string, shape: LoadShape): Promise<LoadFigures> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to load anything but 127.0.0.1: ${url}`);
  // Bounded: the run itself plus generous room for start and report.
  const timeoutMs = shape.seconds * 1_000 + 30_000;
  if (tool === 'wrk') {
    const args = [`-t${shape.threads}`, `-c${shape.connections}`, `-d${shape.seconds}s`, '--latency', url];
    return parseWrk(await runToCompletion('wrk', args, timeoutMs));
  }
  const args = ['-c', String(shape.connections), '-d', String(shape.seconds), '--json', url];
  return parseAutocannon(await runToCompletion(AUTOCANNON, args, timeoutMs));
}
