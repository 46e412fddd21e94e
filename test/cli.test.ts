import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, testDialects, type TestDatabase } from './support/databases.js';
import { runCli } from './support/server-process.js';
import { readProjectToken } from '../src/cloud/project-token.js';
import { silentLogger } from '../src/lib/logger.js';
import { openDeps } from '../src/main.js';

for (const dialect of testDialects()) {
  describe(`bin/watchpost (${dialect})`, () => {
    let db: TestDatabase;
    let env: Record<string, string>;
    before(async () => {
      db = await freshDatabase(dialect);
      env = { DATABASE_URL: db.url };
    });
    after(() => db.drop());

    test('migrate applies the schema once, then has nothing to do', async () => {
      const first = await runCli(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Applied: 0001-initial/);
      const second = await runCli(['migrate'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /Nothing to migrate/);
    });

    test('project create --json prints the keys once and creates the default superuser', async () => {
      const res = await runCli(['project', 'create', '--name', 'demo', '--json'], env);
      assert.equal(res.code, 0, res.stderr);
      const project = JSON.parse(res.stdout) as Record<string, string>;
      assert.deepEqual(Object.keys(project).sort(), ['api_key', 'api_key_readonly', 'id', 'name', 'ping_key']);
      assert.equal(project.name, 'demo');
      assert.match(project.id!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(project.api_key!, /^hcw_[A-Za-z0-9]{28}$/);
      assert.match(project.api_key_readonly!, /^hcr_[A-Za-z0-9]{28}$/);
      assert.match(project.ping_key!, /^[a-z0-9]{22}$/);
      assert.match(res.stderr, /Created superuser admin@localhost with password: \S+/);
      const again = await runCli(['project', 'create', '--name', 'second', '--json'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.doesNotMatch(again.stderr, /password/, 'the admin is created once');
    });

    test('project token prints the Calyptia-format token of a project, which the server accepts', async () => {
      const created = JSON.parse((await runCli(['project', 'create', '--name', 'cloud', '--json'], env)).stdout) as {
        id: string;
      };
      const res = await runCli(['project', 'token', '--id', created.id], env);
      assert.equal(res.code, 0, res.stderr);
      const token = res.stdout.trim();
      const [payload] = token.split('.');
      assert.deepEqual(JSON.parse(Buffer.from(payload!, 'base64url').toString()), { ProjectID: created.id });
      const deps = await openDeps({ ...env, LOG_LEVEL: 'silent' }, { log: silentLogger });
      try {
        assert.equal(readProjectToken(deps.secretKey, token), created.id);
      } finally {
        await deps.store.close();
      }
      const unknown = await runCli(['project', 'token', '--id', '00000000-0000-4000-8000-000000000000'], env);
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stderr, /project not found/);
    });

    test('user create reads the password from standard input and refuses duplicates', async () => {
      const res = await runCli(['user', 'create', '--email', 'Alice@Example.org'], env, 'correct horse battery\n');
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /alice@example.org/);
      const dup = await runCli(['user', 'create', '--email', 'alice@example.org'], env, 'another password\n');
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /already exists/);
      const owned = await runCli(['project', 'create', '--name', 'hers', '--owner', 'alice@example.org', '--json'], env);
      assert.equal(owned.code, 0, owned.stderr);
      const nobody = await runCli(['project', 'create', '--name', 'x', '--owner', 'nobody@example.org'], env);
      assert.equal(nobody.code, 1);
      assert.match(nobody.stderr, /no user with email nobody@example.org/);
    });

    test('a short password and bad usage are refused with a clear message', async () => {
      const short = await runCli(['user', 'create', '--email', 'bob@example.org'], env, 'short\n');
      assert.equal(short.code, 2);
      assert.match(short.stderr, /at least 8 characters/);
      const usage = await runCli(['project', 'create'], env);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /--name is required/);
      const unknown = await runCli(['frobnicate'], env);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown command/);
    });
  });
}

for (const dialect of testDialects()) {
  test(`nodes migrating a fresh database at once apply each migration once (${dialect})`, async () => {
    const db = await freshDatabase(dialect);
    try {
      const runs = await Promise.all([0, 1, 2, 3].map(() => runCli(['migrate'], { DATABASE_URL: db.url })));
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      assert.equal(runs.filter((r) => /Applied: 0001-initial/.test(r.stdout)).length, 1);
    } finally {
      await db.drop();
    }
  });
}

test('invalid configuration is reported all at once with a non-zero exit', async () => {
  const res = await runCli(['migrate'], {
    PORT: 'eighty',
    PING_BODY_LIMIT: '-3',
    REGISTRATION_OPEN: 'maybe',
    DATABASE_URL: 'mysql://x',
  });
  assert.equal(res.code, 78);
  for (const name of ['PORT', 'PING_BODY_LIMIT', 'REGISTRATION_OPEN', 'DATABASE_URL']) assert.match(res.stderr, new RegExp(name));
  assert.match(res.stderr, /invalid configuration/);
});

test('a missing _FILE secret is a configuration error', async () => {
  const res = await runCli(['migrate'], { SECRET_KEY_FILE: '/nonexistent/secret', DATABASE_URL: 'sqlite::memory:' });
  assert.equal(res.code, 78);
  assert.match(res.stderr, /SECRET_KEY_FILE: cannot read/);
});
