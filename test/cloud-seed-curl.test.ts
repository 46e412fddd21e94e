import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { SEEDS_DIR } from './support/seed-examples.js';
import { startWebServer, type WebServer } from './support/web-server.js';

const run = promisify(execFile);

/** The Calyptia pages among the seeds: core instance checks (000) and pipeline ports (001). */
const CHECKS_PAGE = '000_3bd5a98f20ffc940.txt';
const PORTS_PAGE = '001_a9e90bdb668d6ed8.txt';
const seedText = (file: string) => readFileSync(`${SEEDS_DIR}${file}`, 'utf8');

function curlMissing(): string | false {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'the curl binary is not installed (apt-get install curl)';
  }
}

/**
 * Every example request of the two pages, by hand, in the order they are sent (created before
 * listed, deleted last). `quote` is the page's own fetch() call, verbatim: the test checks it is
 * there, so the table can't drift from the pages.
 */
const SEED_REQUESTS = [
  {
    page: CHECKS_PAGE,
    quote: `fetch('https://cloud-api.calyptia.com/v1/core_instances/{coreInstanceID}/checks', {
    method: 'POST',
    headers: {
      "Authorization": "Bearer <token>",
      "Content-Type": "application/json"
    },
    body: JSON.stringify({
      "protocol": "tcp",
      "host": "localhost",
      "port": 0
    }),
});`,
    method: 'POST',
    path: '/v1/core_instances/{coreInstanceID}/checks',
    headers: { Authorization: 'Bearer <token>', 'Content-Type': 'application/json' },
    body: { protocol: 'tcp', host: 'localhost', port: 0 },
    // the page's "Response … Created"
    status: 201,
  },
  {
    page: CHECKS_PAGE,
    quote: `fetch('https://cloud-api.calyptia.com/v1/core_instances/{coreInstanceID}/checks', {
    method: 'GET',
    headers: {
      "Authorization": "Bearer <token>"
    },
});`,
    method: 'GET',
    path: '/v1/core_instances/{coreInstanceID}/checks',
    headers: { Authorization: 'Bearer <token>' },
    status: 200,
  },
  {
    page: PORTS_PAGE,
    quote: `fetch('https://cloud-api.calyptia.com/v1/pipeline_ports/{portID}', {
    method: 'GET',
    headers: {
      "Authorization": "Bearer <token>"
    },
});`,
    method: 'GET',
    path: '/v1/pipeline_ports/{portID}',
    headers: { Authorization: 'Bearer <token>' },
    status: 200,
  },
  {
    page: PORTS_PAGE,
    quote: `fetch('https://cloud-api.calyptia.com/v1/pipeline_ports/{portID}', {
    method: 'PATCH',
    headers: {
      "Authorization": "Bearer <token>",
      "Content-Type": "application/json"
    },
    body: JSON.stringify({}),
});`,
    method: 'PATCH',
    path: '/v1/pipeline_ports/{portID}',
    headers: { Authorization: 'Bearer <token>', 'Content-Type': 'application/json' },
    body: {},
    status: 204,
  },
  {
    page: PORTS_PAGE,
    quote: `fetch('https://cloud-api.calyptia.com/v1/pipeline_ports/{portID}', {
    method: 'DELETE',
    headers: {
      "Authorization": "Bearer <token>"
    },
});`,
    method: 'DELETE',
    path: '/v1/pipeline_ports/{portID}',
    headers: { Authorization: 'Bearer <token>' },
    status: 204,
  },
] as const;

/** The JSON value that starts at the first `[` or `{` after `from` in `text` (bracket matching). */
function jsonAfter(text: string, from: number): unknown {
  const start = text.slice(from).search(/[[{]/) + from;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '[' || text[i] === '{') depth++;
    else if ((text[i] === ']' || text[i] === '}') && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error('no JSON after the request');
}

/** The example response the page prints right after a request, if it has one. */
function exampleResponse(page: string, quote: string): unknown {
  const text = seedText(page);
  const end = text.indexOf(quote) + quote.length;
  const next = text.indexOf('fetch(', end);
  const response = /const data = await response\.json\(\);\nResponse\n/.exec(text.slice(end));
  if (!response || (next !== -1 && end + response.index > next)) return undefined;
  return jsonAfter(text, end + response.index + response[0].length);
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const FORMATS: Record<string, RegExp> = {
  id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  createdAt: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  updatedAt: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
};

/**
 * Where `actual` lacks a key of `example` or holds another JSON type, recursively through
 * arrays (each example item against each actual item) and objects. Null on either side is
 * compatible: the pages mark such fields nullable. Uuid and date-time fields must look the part.
 */
function shapeProblems(example: unknown, actual: unknown, path = '$'): string[] {
  if (example === null || actual === null) return [];
  if (jsonType(example) !== jsonType(actual)) return [`${path}: ${jsonType(example)} in the page, ${jsonType(actual)} here`];
  if (Array.isArray(example)) {
    const items = actual as unknown[];
    if (example.length > 0 && items.length === 0) return [`${path}: empty, the page shows items`];
    return example.flatMap((e, i) => items.flatMap((a, j) => shapeProblems(e, a, `${path}[${i}~${j}]`)));
  }
  if (typeof example !== 'object') return [];
  const mine = actual as Record<string, unknown>;
  return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) => {
    if (!(key in mine)) return [`${path}.${key} missing`];
    const format = FORMATS[key];
    if (format && typeof mine[key] === 'string' && !format.test(mine[key])) return [`${path}.${key}: ${String(mine[key])}`];
    return shapeProblems(value, mine[key], `${path}.${key}`);
  });
}

interface CurlAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** The real curl binary: `-w` appends the status and content type after the body. */
async function curl(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<CurlAnswer> {
  const args = ['-sS', '-X', method, '-w', '\n%{http_code}\n%{content_type}'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (body !== undefined) args.push('--data-binary', JSON.stringify(body));
  const { stdout } = await run('curl', [...args, url]);
  const lines = stdout.split('\n');
  const contentType = lines.pop() ?? '';
  const status = Number(lines.pop());
  return { status, contentType, body: lines.join('\n') };
}

for (const dialect of testDialects()) {
  describe(`the Calyptia seed pages' example requests, sent with curl (${dialect})`, { skip: curlMissing() }, () => {
    let server: WebServer;
    let owner: TestProject;
    const ids: Record<string, string> = {};

    /** A request the pages don't show, to make what their examples name. */
    async function make(path: string, body: unknown): Promise<string> {
      const headers = { Authorization: `Bearer ${owner.api_key}`, 'Content-Type': 'application/json' };
      const res = await curl('POST', `${server.url}${path}`, headers, body);
      assert.equal(res.status, 201, res.body);
      return (JSON.parse(res.body) as { id: string }).id;
    }

    before(async () => {
      server = await startWebServer(dialect);
      owner = await makeProject(server.running.deps);
      ids.coreInstanceID = await make('/v1/aggregators', { name: 'seed-core' });
      const pipeline = await make(`/v1/aggregators/${ids.coreInstanceID}/pipelines`, { name: 'seed-pipeline' });
      // the 001 page's example port: the forward input's default
      ids.portID = await make(`/v1/aggregator_pipelines/${pipeline}/ports`, {
        protocol: 'tcp',
        frontendPort: 24224,
        backendPort: 24224,
        endpoint: '',
      });
    });
    after(() => server.close());

    test('the table holds every example request of the two pages, quoted verbatim', () => {
      for (const page of [CHECKS_PAGE, PORTS_PAGE]) {
        const quotes = SEED_REQUESTS.filter((r) => r.page === page).map((r) => r.quote);
        for (const quote of quotes) assert.ok(seedText(page).includes(quote), `${page} does not show:\n${quote}`);
        assert.equal(quotes.length, seedText(page).split('await fetch(').length - 1, `${page}: a request is missing`);
      }
    });

    for (const request of SEED_REQUESTS) {
      test(`${request.method} ${request.path} answers ${request.status} in the documented shape`, async () => {
        const path = request.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([k, v]) => [k, v.replace('<token>', owner.api_key)]),
        );
        const res = await curl(request.method, `${server.url}${path}`, headers, 'body' in request ? request.body : undefined);
        assert.equal(res.status, request.status, `${request.method} ${path}: ${res.body}`);
        const example = exampleResponse(request.page, request.quote);
        if (example === undefined) {
          assert.equal(res.body, '', 'No Content');
          return;
        }
        assert.match(res.contentType, /^application\/json/);
        assert.deepEqual(shapeProblems(example, JSON.parse(res.body)), []);
      });
    }

    test('the deleted port is gone', async () => {
      const res = await curl('GET', `${server.url}/v1/pipeline_ports/${ids.portID}`, {
        Authorization: `Bearer ${owner.api_key}`,
      });
      assert.deepEqual([res.status, JSON.parse(res.body)], [404, { error: 'pipeline port not found' }]);
    });
  });
}
