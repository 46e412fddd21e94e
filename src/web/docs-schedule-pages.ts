import { html } from './html.js';
import { codeBlock, docLink, type DocsPage } from './docs-context.js';

export const CRON_EXAMPLES: Array<[string, string]> = [
  ['*/5 * * * *', 'every 5 minutes'],
  ['0 * * * *', 'every hour, on the hour'],
  ['30 6 * * *', 'every day at 06:30'],
  ['0 9-17 * * 1-5', 'on the hour from 09:00 to 17:00, Monday to Friday'],
  ['0 3 * * sun', 'Sundays at 03:00'],
  ['0 0 1 * *', 'at midnight on the first day of the month'],
  ['0 0 L * *', 'at midnight on the last day of the month'],
  ['0 8 * * 1#1', 'at 08:00 on the first Monday of the month'],
];

export const ONCALENDAR_EXAMPLES: Array<[string, string]> = [
  ['daily', 'every day at 00:00'],
  ['hourly', 'every hour, on the hour'],
  ['weekly', 'Mondays at 00:00'],
  ['*-*-* 06:30', 'every day at 06:30'],
  ['Mon..Fri 09:00', 'weekdays at 09:00'],
  ['Sat,Sun *-*-* 10:00', 'weekends at 10:00'],
  ['*-*-01 00:00', 'the first day of every month'],
  ['*-*~01 23:00', 'the last day of every month at 23:00'],
  ['*:0/15', 'every 15 minutes'],
  ['quarterly', 'January, April, July and October 1st at 00:00'],
];

const table = (rows: Array<[string, string]>) =>
  html`<table class="examples">
    <thead>
      <tr>
        <th scope="col">Expression</th>
        <th scope="col">Runs</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(([expr, text]) => html`<tr><td><code>${expr}</code></td><td>${text}</td></tr>`)}
    </tbody>
  </table>`;

export const cronSyntaxPage: DocsPage = {
  slug: 'cron',
  title: 'Cron expressions',
  summary: 'The five-field cron syntax a check schedule accepts, with examples.',
  body: (d) => html`<p>
      A check with a cron schedule expects a ping at every time the expression names, in the check's time zone, plus the
      grace time. Give it the same expression as the crontab line of the job.
    </p>
    ${codeBlock(`┌───────── minute (0–59)
│ ┌─────── hour (0–23)
│ │ ┌───── day of month (1–31, L = last, LW = last weekday)
│ │ │ ┌─── month (1–12 or JAN–DEC)
│ │ │ │ ┌─ day of week (0–7 or SUN–SAT; 0 and 7 are Sunday)
│ │ │ │ │
* * * * *`)}
    <ul>
      <li>Exactly five fields: a sixth field for seconds is not accepted. Names are case-insensitive.</li>
      <li>
        <code>*</code> any value, <code>1,15</code> a list, <code>9-17</code> a range, <code>*/10</code> or
        <code>5/10</code> a step.
      </li>
      <li>
        Day of week also takes <code>5L</code> (the last Friday of the month) and <code>1#2</code> (the second Monday).
      </li>
      <li>
        When both day of month and day of week are set (neither starts with <code>*</code>), a day matching
        <em>either</em> counts, as in Debian's cron.
      </li>
      <li>
        Daylight saving time: a job at a fixed hour and minute that falls into the skipped hour runs at the first minute
        after it, and does not run twice in the repeated hour; expressions with <code>*</code> in the minute or hour run
        by elapsed time.
      </li>
    </ul>
    <h2>Examples</h2>
    ${table(CRON_EXAMPLES)}
    <p>systemd timers use another syntax: see ${docLink(d, 'oncalendar', 'OnCalendar expressions')}.</p>`,
};

export const onCalendarPage: DocsPage = {
  slug: 'oncalendar',
  title: 'OnCalendar expressions',
  summary: 'systemd timer schedules (OnCalendar), for jobs run by systemd.',
  body: (d) => html`<p>
      For jobs started by a systemd timer, give the check the timer's <code>OnCalendar=</code> value. The shape is
      <code>[weekdays] [year-month-day] [hour:minute[:second]] [time zone]</code>: a missing date means every day, a
      missing time midnight.
    </p>
    <ul>
      <li>Each part takes <code>*</code>, lists (<code>1,15</code>), ranges (<code>Mon..Fri</code>, <code>1..5</code>) and repetitions (<code>0/15</code>).</li>
      <li><code>~</code> counts days from the end of the month: <code>*-*~01</code> is the last day.</li>
      <li>
        Shorthands: <code>minutely</code>, <code>hourly</code>, <code>daily</code>, <code>weekly</code>, <code>monthly</code>,
        <code>quarterly</code>, <code>semiannually</code>, <code>yearly</code>.
      </li>
      <li>Several expressions, one per line: the check expects a ping at the earliest of them.</li>
      <li>A line may end with its own time zone (<code>daily Europe/Riga</code>), which wins over the check's.</li>
    </ul>
    <h2>Examples</h2>
    ${table(ONCALENDAR_EXAMPLES)}
    <p>Try an expression with <code>systemd-analyze calendar 'Mon..Fri 09:00'</code>. For crontab lines see ${docLink(d, 'cron', 'cron expressions')}.</p>`,
};
