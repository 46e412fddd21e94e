import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { CheckTiming } from '../../src/domain/check.js';
import { goingDownAfter, statusAt } from '../../src/domain/status.js';
import { newUuid } from '../../src/lib/ids.js';
import { findProjectByCode } from '../../src/store/projects.js';
import { summarizeProjects } from '../../src/store/project-summaries.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { webClient } from '../support/web-client.js';
import { makePersonas, makeTeamProject, type Personas } from './projects-personas.js';

const MIN = 60_000;

/** A check row whose alert_after is what every writer stores (spec §2.4). */
async function addCheck(h: Harness, projectId: number, timing: CheckTiming): Promise<void> {
  await h.deps.store.db
    .insertInto('checks')
    .values({
      code: newUuid(),
      project_id: projectId,
      badge_key: newUuid(),
      created_at: h.clock.now(),
      kind: timing.kind,
      timeout_seconds: timing.timeoutSeconds,
      grace_seconds: timing.graceSeconds,
      schedule: timing.schedule,
      tz: timing.tz,
      status: timing.status,
      last_ping_at: timing.lastPingAt,
      last_start_at: timing.lastStartAt,
      alert_after: goingDownAfter(timing),
    })
    .execute();
}

const simple = (fields: Partial<CheckTiming>): CheckTiming => ({
  kind: 'simple',
  timeoutSeconds: 3600,
  graceSeconds: 600,
  schedule: '* * * * *',
  tz: 'UTC',
  status: 'new',
  lastPingAt: null,
  lastStartAt: null,
  ...fields,
});

const cardOf = (body: string, code: string) => {
  const match = new RegExp(`<li class="card project-card [^"]*" data-project="${code}">[\\s\\S]*?</li>`).exec(body);
  assert.ok(match, `no card for ${code}`);
  return match[0];
};

for (const dialect of testDialects()) {
  describe(`projects overview (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    before(async () => {
      h = await makeHarness(dialect);
      p = await makePersonas(h);
    });
    after(() => h.close());

    test('an anonymous visitor is sent to the login page', async () => {
      const res = await webClient(h.app).get('/projects/');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accounts/login/?next=%2Fprojects%2F');
    });

    test('shows each project with the role, down projects first, and none of an outsider', async () => {
      const calm = await makeTeamProject(h, p, 'Aardvark calm');
      const broken = await makeTeamProject(h, p, 'Zebra broken');
      const now = h.clock.now();
      await addCheck(h, calm.id, simple({ status: 'up', lastPingAt: now - 10 * MIN }));
      await addCheck(h, broken.id, simple({ status: 'up', lastPingAt: now - 10 * MIN }));
      await addCheck(h, broken.id, simple({ status: 'down', lastPingAt: now - 300 * MIN }));

      const owner = await p.owner.get('/projects/');
      assert.equal(owner.statusCode, 200);
      assert.ok(owner.body.indexOf('Zebra broken') < owner.body.indexOf('Aardvark calm'), 'down first');
      const down = cardOf(owner.body, broken.code);
      assert.match(down, /project-down/);
      assert.match(down, /1 of 2 checks down/);
      assert.match(down, /<dd>Owner<\/dd>/);
      assert.match(down, new RegExp(`href="/projects/${broken.code}/team/"`));
      assert.match(cardOf(owner.body, calm.code), /The check is up/);

      const readonly = await p.readonly.get('/projects/');
      assert.match(cardOf(readonly.body, broken.code), /<dd>Read-only<\/dd>[\s\S]*owner@example.org/);
      const manager = await p.manager.get('/projects/');
      assert.match(cardOf(manager.body, calm.code), /<dd>Manager<\/dd>/);

      const outsider = await p.outsider.get('/projects/');
      assert.equal(outsider.statusCode, 200);
      assert.doesNotMatch(outsider.body, /Zebra broken|Aardvark calm/);
      assert.match(outsider.body, /You have no projects yet/);
    });

    test('a late check makes the project late, a running one shows as running, an overdue one down', async () => {
      const project = await makeTeamProject(h, p, 'Timing');
      const now = h.clock.now();
      await addCheck(h, project.id, simple({ status: 'up', lastPingAt: now - 65 * MIN }));
      let card = cardOf((await p.owner.get('/projects/')).body, project.code);
      assert.match(card, /project-grace/);
      assert.match(card, /1 of 1 check late/);

      await addCheck(h, project.id, simple({ status: 'new', lastStartAt: now - MIN }));
      card = cardOf((await p.owner.get('/projects/')).body, project.code);
      assert.match(card, /1 running/);
      assert.match(card, /class="status grace started"/);

      // stored up, but past timeout + grace: down before the detector has run
      await addCheck(h, project.id, simple({ status: 'up', lastPingAt: now - 75 * MIN }));
      card = cardOf((await p.owner.get('/projects/')).body, project.code);
      assert.match(card, /project-down/);
      assert.match(card, /1 of 3 checks down/);
    });

    test('the summary agrees with the computed status of every check (running cron checks aside)', async () => {
      const project = await makeTeamProject(h, p, 'Property');
      const row = await findProjectByCode(h.deps.store.db, project.code);
      const now = h.clock.now();
      const instant = fc.option(fc.integer({ min: now - 3 * 86_400_000, max: now }), { nil: null });
      const timing = fc
        .record({
          kind: fc.constantFrom('simple' as const, 'cron' as const),
          timeoutSeconds: fc.integer({ min: 60, max: 86_400 }),
          graceSeconds: fc.integer({ min: 60, max: 86_400 }),
          schedule: fc.constantFrom('0 * * * *', '*/15 * * * *', '30 2 * * *'),
          tz: fc.constantFrom('UTC', 'Europe/Riga'),
          status: fc.constantFrom('new' as const, 'up' as const, 'down' as const, 'paused' as const),
          lastPingAt: instant,
          lastStartAt: instant,
        })
        // a stored `up` always has a last ping
        .map((t): CheckTiming => (t.status === 'up' && t.lastPingAt === null ? { ...t, lastPingAt: now - MIN } : t));
      await fc.assert(
        fc.asyncProperty(fc.array(timing, { minLength: 1, maxLength: 6 }), async (timings) => {
          await h.deps.store.db.deleteFrom('checks').where('project_id', '=', row!.id).execute();
          for (const t of timings) await addCheck(h, row!.id, t);
          const summary = (await summarizeProjects(h.deps.store.db, [row!.id], now)).get(row!.id)!;
          const statuses = timings.map((t) => statusAt(t, now));
          assert.equal(summary.checks, timings.length);
          assert.equal(summary.down, statuses.filter((s) => s === 'down').length);
          const runningCron = timings.filter((t, i) => t.kind !== 'simple' && t.lastStartAt !== null && statuses[i] === 'grace');
          assert.equal(summary.grace, statuses.filter((s) => s === 'grace').length - runningCron.length);
        }),
        { numRuns: 40 },
      );
    });

    test('a new project is created from the form and opens on its checks page', async () => {
      await p.member.get('/projects/');
      const res = await p.member.post('/projects/add/', { name: '  Nightly jobs ' });
      assert.equal(res.statusCode, 303);
      const code = /^\/projects\/([0-9a-f-]{36})\/checks\/$/.exec(String(res.headers.location))?.[1];
      assert.ok(code);
      const project = await findProjectByCode(h.deps.store.db, code);
      assert.equal(project?.name, 'Nightly jobs');
      assert.equal(project?.ownerId, p.member.userId);
      const overview = await p.member.get('/projects/');
      assert.match(cardOf(overview.body, code), /Nightly jobs[\s\S]*No checks yet[\s\S]*<dd>Owner<\/dd>/);
    });

    test('a new project needs a name of at most 60 characters and the CSRF token', async () => {
      await p.member.get('/projects/');
      assert.equal((await p.member.post('/projects/add/', { name: 'x'.repeat(61) })).statusCode, 400);
      assert.equal((await p.member.post('/projects/add/', { name: '   ' })).statusCode, 400);
      const noCsrf = await p.member.post('/projects/add/', { name: 'Forged', _csrf: '' });
      assert.equal(noCsrf.statusCode, 403);
      const anonymous = webClient(h.app);
      await anonymous.get('/projects/');
      assert.equal((await anonymous.post('/projects/add/', { name: 'Nobody' })).statusCode, 403);
    });
  });
}
