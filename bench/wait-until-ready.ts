import type { Child } from './child-process.js';

const POLL_MS = 10;

/**
 * Polls `url` until it answers 200 with `body`; resolves with the moment it did
 * (performance.now()). A short poll interval keeps the start-up figure honest to ~10 ms.
 */
export async function waitUntilReady(child: Child, url: string, body: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await child.exited(0))
      throw new Error(`exited before it was ready (${child.process.exitCode ?? child.process.signalCode}):\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      const text = await response.text();
      if (response.status === 200 && text === body) return performance.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${child.output()}`);
}
