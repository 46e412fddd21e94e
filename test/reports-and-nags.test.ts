import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createProject } from '../src/accounts/create-project.js';
import { createUser } from '../src/accounts/create-user.js';
import { sendDueNags } from '../src/alerts/send-nags.js';
import { sendDueReports } from '../src/alerts/send-reports.js';
import { loadConfig } from '../src/config.js';
import { verifyBounceId } from '../src/domain/bounce-id.js';
import { silentLogger } from '../src/lib/logger.js';
import { makeSmtpMailer, type SmtpMailer } from '../src/outbound/smtp-mailer.js';
import { startReportsLoop } from '../src/scheduler/reports-loop.js';
import { refreshNagDates, refreshNagDatesOfCheck } from '../src/store/profiles.js';
import { insertMember } from '../src/store/team.js';
import { testDialects } from './support/databases.js';
import { makeCheck, type CheckFields, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Healthchecks' sendreports tests run at Monday 2020-01-13 02:00 UTC. */
const NOW = Date.UTC(2020, 0, 13, 2);
const ENV = { SITE_NAME: 'Mychecks', SITE_ROOT: 'https://checks.example.org' };
const half = () => 0.5; // the random report offset: 60 minutes
/** The message's header lines unfolded (long ones are folded on the wire). */
const unfold = (raw: Buffer) => raw.toString('utf8').replace(/\r\n[ \t]+/g, ' ');

for (const dialect of testDialects()) {
  describe(`reports and reminders (${dialect})`, () => {
    let h: Harness;
    let sink: SmtpSink;
    let mailer: SmtpMailer;
    let seq = 0;
    before(async () => {
      h = await makeHarness(dialect, ENV, NOW);
      sink = await startSmtpSink();
      const email = {
        host: '127.0.0.1',
        port: sink.port,
        user: '',
        password: '',
        useTls: false,
        from: 'Mychecks <mail@example.org>',
      };
      mailer = makeSmtpMailer(email, silentLogger, { retryDelayMs: 0 });
    });
    after(async () => {
      mailer.close();
      await sink.close();
      await h.close();
    });
    beforeEach(async () => {
      h.clock.set(NOW);
      sink.messages.length = 0;
      // Every user the previous tests made would be due too: silence them.
      await h.deps.store.db
        .updateTable('users')
        .set({ reports: 'off', next_report_at: null, nag_period_seconds: 0, next_nag_at: null })
        .execute();
    });

    const db = () => h.deps.store.db;
    const userRow = (id: number) => db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    /** A user with one project and the given profile fields; reports monthly, due an hour ago. */
    async function alice(fields: Record<string, unknown> = {}) {
      seq += 1;
      const email = `alice${seq}@example.org`;
      const { id } = await createUser(h.deps, { email, password: 'correct horse battery', isSuperuser: false });
      const { project } = await createProject(h.deps, { name: `Alices Project ${seq}`, ownerEmail: email });
      const row = await db().selectFrom('projects').select('id').where('code', '=', project.id).executeTakeFirstOrThrow();
      await db()
        .updateTable('users')
        .set({ reports: 'monthly', next_report_at: NOW - HOUR, ...fields })
        .where('id', '=', id)
        .execute();
      const testProject: TestProject = { ...project, projectId: Number(row.id) };
      return { id, email, project: testProject };
    }
    const check = (project: TestProject, fields: CheckFields) =>
      makeCheck(h.deps, project, { created_at: NOW - 365 * DAY, last_ping_at: NOW, ...fields });

    describe('reports', () => {
      test('a due monthly report is sent once, with List-Unsubscribe, and the next one set for the 1st at 09:00 + offset', async () => {
        const user = await alice();
        const foo = await check(user.project, { name: 'Foo', status: 'down' });
        await db()
          .insertInto('flips')
          .values({
            check_id: foo.id,
            created_at: Date.UTC(2019, 10, 15),
            processed_at: Date.UTC(2019, 10, 15),
            old_status: 'up',
            new_status: 'down',
          })
          .execute();

        assert.equal(await sendDueReports(h.deps, mailer, { random: half }), 1);
        assert.equal((await userRow(user.id)).next_report_at, Date.UTC(2020, 1, 1, 10, 0));
        assert.equal(await sendDueReports(h.deps, mailer, { random: half }), 0, 'not twice');

        assert.equal(sink.messages.length, 1);
        const [mail] = sink.messages;
        assert.deepEqual(mail!.rcptTo, [user.email]);
        assert.equal(mail!.parsed.subject, 'Monthly Report');
        const raw = unfold(mail!.raw);
        assert.match(raw, /^List-Unsubscribe: <https:\/\/checks\.example\.org\/accounts\/unsubscribe_reports\/[^>]+\/>\r$/m);
        assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
        assert.equal(mail!.mailFrom, 'mail@example.org', 'no bounce address without EMAIL_MAIL_FROM_TMPL');
        const text = mail!.parsed.text ?? '';
        assert.ok(text.includes('This is a monthly report sent by Mychecks.'), text);
        assert.ok(text.includes('In December, 1 check had 1 downtime event.'), text);
        assert.ok(text.includes(`Project "Alices Project ${seq}"`), text);
        // down since Nov 15: 16 days of November, all 31 of December
        assert.ok(text.includes('| Status | Name | Nov. 2019         | Dec. 2019         |'), text);
        assert.ok(text.includes('| DOWN   | Foo  | 1 downtime,       | 1 downtime,       |'), text);
        assert.ok(text.includes('|        |      | 16 days 0 h total | 31 days 0 h total |'), text);
        assert.ok((mail!.parsed.html || '').includes('Nov. 2019'));
      });

      test('an unscheduled profile only gets a date; a future date, reports off: nothing happens', async () => {
        const unscheduled = await alice({ next_report_at: null, reports: 'weekly' });
        const future = await alice({ next_report_at: NOW + DAY });
        const off = await alice({ reports: 'off' });
        for (const u of [unscheduled, future, off]) await check(u.project, { name: 'Foo', status: 'up' });

        assert.equal(await sendDueReports(h.deps, mailer, { random: () => 0 }), 0);
        assert.equal(sink.messages.length, 0);
        assert.equal((await userRow(unscheduled.id)).next_report_at, Date.UTC(2020, 0, 20, 9), 'next Monday 09:00');
        assert.equal((await userRow(future.id)).next_report_at, NOW + DAY);
        assert.equal((await userRow(off.id)).next_report_at, NOW - HOUR);
      });

      test('an account without a ping in 180 days is rescheduled but gets no report', async () => {
        const idle = await alice();
        await check(idle.project, { name: 'Old', status: 'up', last_ping_at: NOW - 181 * DAY });
        const empty = await alice();
        assert.equal(await sendDueReports(h.deps, mailer, { random: half }), 0);
        assert.equal(sink.messages.length, 0);
        assert.equal((await userRow(idle.id)).next_report_at, Date.UTC(2020, 1, 1, 10));
        assert.equal((await userRow(empty.id)).next_report_at, Date.UTC(2020, 1, 1, 10));
      });

      test('weekly reports cover the previous two weeks in the user tz (New York is still on Sunday)', async () => {
        const user = await alice({ reports: 'weekly', tz: 'America/New_York' });
        await check(user.project, { name: 'Foo', status: 'up' });
        assert.equal(await sendDueReports(h.deps, mailer, { random: half }), 1);
        const mail = sink.messages[0]!;
        assert.equal(mail.parsed.subject, 'Weekly Report');
        const html = mail.parsed.html || '';
        assert.ok(html.includes('Dec 23 - Dec 29') && html.includes('Dec 30 - Jan 5'), html);
        assert.ok(!html.includes('Jan 6 - Jan 12'));
        assert.ok((mail.parsed.text ?? '').includes('Last week (December 30 to January 5), no checks had downtimes. Nice!'));
        // the coming Monday (2020-01-13) 09:00 + 60 min in New York (UTC−5)
        assert.equal((await userRow(user.id)).next_report_at, Date.UTC(2020, 0, 13, 15));
      });

      test('two senders racing for the same reports send each one once', async () => {
        for (let i = 0; i < 3; i++) {
          const user = await alice();
          await check(user.project, { name: `Foo ${i}`, status: 'up' });
        }
        const counts = await Promise.all([
          sendDueReports(h.deps, mailer, { random: half }),
          sendDueReports(h.deps, mailer, { random: half }),
        ]);
        assert.equal(counts[0] + counts[1], 3);
        assert.equal(sink.messages.length, 3);
        assert.equal(new Set(sink.messages.map((m) => m.rcptTo[0])).size, 3);
      });

      test('with EMAIL_MAIL_FROM_TMPL the envelope sender is a signed r.<user id> bounce address', async () => {
        const user = await alice();
        await check(user.project, { name: 'Foo', status: 'up' });
        const config = loadConfig({ ...ENV, EMAIL_MAIL_FROM_TMPL: '{bounce_id}@bounces.example.org' });
        assert.equal(await sendDueReports({ ...h.deps, config }, mailer, { random: half }), 1);
        const [local, domain] = sink.messages[0]!.mailFrom.split('@');
        assert.equal(domain, 'bounces.example.org');
        assert.equal(verifyBounceId(local!, NOW, h.deps.secretKey, 48 * HOUR), `r.${user.id}`);
      });
    });

    describe('reminders', () => {
      test('a due reminder lists only the down checks and moves next_nag_at on by the period', async () => {
        const user = await alice({ reports: 'off', nag_period_seconds: 3600, next_nag_at: NOW - 10_000 });
        const foo = await check(user.project, { name: 'Foo', status: 'down' });
        await check(user.project, { name: 'Foobar', status: 'up' });

        assert.equal(await sendDueNags(h.deps, mailer), 1);
        assert.equal((await userRow(user.id)).next_nag_at, NOW + HOUR);
        assert.equal(await sendDueNags(h.deps, mailer), 0, 'not again before the period has passed');

        assert.equal(sink.messages.length, 1);
        const mail = sink.messages[0]!;
        assert.equal(mail.parsed.subject, 'Reminder: 1 check still down');
        const text = mail.parsed.text ?? '';
        assert.ok(
          text.startsWith('Hello,\n\nThis is an hourly reminder sent by Mychecks.\nOne check is currently DOWN:\n'),
          text,
        );
        assert.ok(text.includes('| DOWN   | Foo  | now       |'), text);
        assert.ok(!text.includes('Foobar') && !(mail.parsed.html || '').includes('Foobar'));
        assert.ok(!text.includes(foo.code) && !(mail.parsed.html || '').includes(foo.code), 'no check UUIDs');
        assert.match(unfold(mail.raw), /^List-Unsubscribe: <https:\/\/checks\.example\.org\//m);
      });

      test('with nothing down the reminder date is cleared instead', async () => {
        const user = await alice({ reports: 'off', nag_period_seconds: 3600, next_nag_at: NOW - 10_000 });
        await check(user.project, { name: 'Foo', status: 'up' });
        assert.equal(await sendDueNags(h.deps, mailer), 0);
        assert.equal((await userRow(user.id)).next_nag_at, null);
        assert.equal(sink.messages.length, 0);
      });

      test('a future date or a zero nag period sends nothing', async () => {
        const future = await alice({ reports: 'off', nag_period_seconds: 86400, next_nag_at: NOW + DAY });
        const disabled = await alice({ reports: 'off', nag_period_seconds: 0, next_nag_at: NOW - 10_000 });
        for (const u of [future, disabled]) await check(u.project, { name: 'Foo', status: 'down' });
        assert.equal(await sendDueNags(h.deps, mailer), 0);
        assert.equal(sink.messages.length, 0);
        assert.equal((await userRow(future.id)).next_nag_at, NOW + DAY);
        assert.equal((await userRow(disabled.id)).next_nag_at, NOW - 10_000);
      });

      test('team members are reminded too, of the down checks of every project they belong to', async () => {
        const owner = await alice({ reports: 'off', nag_period_seconds: 0 });
        const member = await alice({ reports: 'off', nag_period_seconds: 3600 });
        await insertMember(db(), { projectId: owner.project.projectId, userId: member.id, role: 'r', createdAt: NOW });
        const foo = await check(owner.project, { name: 'Team Foo', status: 'down' });
        await refreshNagDatesOfCheck(db(), foo.id, NOW);
        assert.equal((await userRow(member.id)).next_nag_at, NOW + HOUR, "a member's reminders start");

        h.clock.set(NOW + HOUR + 1);
        assert.equal(await sendDueNags(h.deps, mailer), 1);
        const mail = sink.messages.find((m) => m.rcptTo.includes(member.email));
        assert.ok(mail, 'the member is reminded');
        assert.ok((mail.parsed.text ?? '').includes('Team Foo'), "the reminder lists the team project's check");

        await db().updateTable('checks').set({ status: 'up' }).where('id', '=', foo.id).execute();
        await refreshNagDatesOfCheck(db(), foo.id, NOW + 2 * HOUR);
        assert.equal((await userRow(member.id)).next_nag_at, null, 'and stop when nothing of theirs is down');
      });

      test('refreshing nag dates: set when something is down, kept when set, cleared when all is up (item 172)', async () => {
        const user = await alice({ reports: 'off', nag_period_seconds: 3600 });
        const other = await alice({ reports: 'off', nag_period_seconds: 0 });
        const foo = await check(user.project, { name: 'Foo', status: 'down' });
        await check(other.project, { name: 'Bar', status: 'down' });

        await refreshNagDates(db(), user.project.projectId, NOW);
        assert.equal((await userRow(user.id)).next_nag_at, NOW + HOUR);
        await refreshNagDates(db(), user.project.projectId, NOW + 5 * MIN);
        assert.equal((await userRow(user.id)).next_nag_at, NOW + HOUR, 'an existing date is not moved');
        await refreshNagDates(db(), other.project.projectId, NOW);
        assert.equal((await userRow(other.id)).next_nag_at, null, 'no nag period, no date');

        await db().updateTable('checks').set({ status: 'up' }).where('id', '=', foo.id).execute();
        await refreshNagDatesOfCheck(db(), foo.id, NOW + 10 * MIN);
        assert.equal((await userRow(user.id)).next_nag_at, null);
        await db().updateTable('checks').set({ status: 'down' }).where('id', '=', foo.id).execute();
        await refreshNagDatesOfCheck(db(), foo.id, NOW + 20 * MIN);
        assert.equal((await userRow(user.id)).next_nag_at, NOW + 20 * MIN + HOUR);
      });
    });

    test('the loop sends due reports and reminders right away, and stop() ends it', async () => {
      const user = await alice({ nag_period_seconds: 86400, next_nag_at: NOW - MIN });
      await check(user.project, { name: 'Foo', status: 'down' });
      const loop = startReportsLoop(h.deps, mailer, { pauseAfterEmailMs: 0, random: half });
      try {
        const mails = await sink.waitFor(2);
        assert.deepEqual(mails.map((m) => m.parsed.subject).sort(), ['Monthly Report', 'Reminder: 1 check still down']);
      } finally {
        await loop.stop();
      }
      assert.equal((await userRow(user.id)).next_nag_at, NOW + DAY);
    });
  });
}
