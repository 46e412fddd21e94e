import { freePort } from '../test/support/server-process.js';
import { spawnChild, type Child } from './child-process.js';
import { waitUntilReady } from './wait-until-ready.js';

/**
 * The reference: the cheapest HTTP answer Node can give, in its own process like Watchpost so
 * both pay the same process and scheduling costs. Plain JS via -e: no loader in the way.
 */
const SOURCE = `require('node:http').createServer((q, s) => s.end('OK')).listen(Number(process.env.PORT), '127.0.0.1');`;

export interface RunningServer {
  url: string;
  child: Child;
}

export async function startBareServer(): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnChild(process.execPath, ['-e', SOURCE], { PATH: process.env.PATH, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${url}/`, 'OK', 10_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, child };
}
