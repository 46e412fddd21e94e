import { html } from './html.js';
import { codeBlock, docLink, type DocsContext, type DocsPage } from './docs-context.js';

const CURL = 'curl -fsS -m 10 --retry 5 -o /dev/null';

const bodyLimitNote = (d: DocsContext) =>
  d.pingBodyLimitBytes === null
    ? html`<p>This server keeps request bodies whole.</p>`
    : html`<p>
        This server keeps the first ${d.pingBodyLimitBytes.toLocaleString('en')} bytes of a body and says so in the
        <code>Ping-Body-Limit</code> header of every answer.
      </p>`;

export const cronPage: DocsPage = {
  slug: 'monitoring_cron_jobs',
  title: 'Monitoring cron jobs',
  summary: 'Add one curl call to a crontab line and hear about jobs that fail or never run.',
  body: (d) => html`<p>
      Each check has a unique ping URL. Make the job request it when it finishes, and give the check the same schedule as
      the job: when a ping is late, ${d.siteName} alerts you. A job that crashes, hangs, or is never started (a stopped
      cron daemon, a full disk, a deleted crontab) is noticed just the same.
    </p>
    <h2>Ping when the job succeeds</h2>
    ${codeBlock(`# m h dom mon dow command\n8 6 * * * /home/user/backup.sh && ${CURL} ${d.pingUrl}`)}
    <p>With <code>&amp;&amp;</code>, the ping is sent only when the job exits with status 0. The curl options:</p>
    <dl class="options">
      <dt><code>-f</code></dt>
      <dd>exit with an error on HTTP errors (a wrong URL answers 404)</dd>
      <dt><code>-sS</code></dt>
      <dd>silent, but still print errors (cron mails whatever a job prints)</dd>
      <dt><code>-m 10</code></dt>
      <dd>give up after 10 seconds, so a network problem never blocks the job</dd>
      <dt><code>--retry 5</code></dt>
      <dd>retry transient failures, including a <code>503</code> from a server that could not store the ping</dd>
      <dt><code>-o /dev/null</code></dt>
      <dd>discard the answer (<code>OK</code>)</dd>
    </dl>
    <h2>Report failures at once</h2>
    <p>Send the job's exit status: 0 is a success, 1–255 marks the check down right away, without waiting for the grace time.</p>
    ${codeBlock(`8 6 * * * /home/user/backup.sh; ${CURL} ${d.pingUrl}/$?`)}
    <h2>Measure how long the job runs</h2>
    <p>
      Ping <code>/start</code> first. ${d.siteName} shows the run time of each run, and a job that starts but does not
      finish within the grace time is reported as down.
    </p>
    ${codeBlock(`8 6 * * * ${CURL} ${d.pingUrl}/start && /home/user/backup.sh; ${CURL} ${d.pingUrl}/$?`)}
    <p>
      Longer scripts read better in a file: see ${docLink(d, 'bash', 'shell scripts')}. The schedule syntax is described
      under ${docLink(d, 'cron', 'cron expressions')}.
    </p>
    <h2>Ping by name instead of UUID</h2>
    <p>
      With the project's ping key (created on the project's Settings page), a check can be pinged by its slug:
      <code>${d.pingEndpoint}&lt;ping-key&gt;/&lt;slug&gt;</code>. Add <code>?create=1</code> to create the check on its
      first ping.
    </p>
    <h2>When pings do not arrive</h2>
    <ul>
      <li>Run the command by hand, without <code>-o /dev/null</code>: it should print <code>OK</code>.</li>
      <li>Cron runs jobs with a short <code>PATH</code>: write <code>/usr/bin/curl</code> if curl is not found.</li>
      <li>
        Escape <code>%</code> as <code>\\%</code> in a crontab line: cron turns a bare <code>%</code> into a newline.
      </li>
      <li>Check the time zone: the check's schedule is read in the time zone set on the check.</li>
    </ul>`,
};

export const bashPage: DocsPage = {
  slug: 'bash',
  title: 'Shell scripts',
  summary: 'Start signals, exit statuses and log output from bash.',
  body: (d) => html`<p>In a script, keep the URL in a variable and ping at the start and at the end.</p>
    ${codeBlock(`#!/bin/bash
URL=${d.pingUrl}

# The start signal: ${d.siteName} measures the run time from here.
curl -fsS -m 10 --retry 5 -o /dev/null "$URL/start"

/usr/local/bin/backup.sh

# The exit status: 0 is a success, anything else a failure.
curl -fsS -m 10 --retry 5 -o /dev/null "$URL/$?"`)}
    <h2>Send the job's output</h2>
    <p>A ping may carry a body: it is kept with the ping and shown in the check's event log, and sent along in alerts.</p>
    ${codeBlock(`#!/bin/bash
URL=${d.pingUrl}
output=$(/usr/local/bin/backup.sh 2>&1)
status=$?
curl -fsS -m 10 --retry 5 -o /dev/null --data-raw "$output" "$URL/$status"`)}
    ${bodyLimitNote(d)}
    <h2>Overlapping runs</h2>
    <p>
      When runs of one job may overlap, give each run its own id in the <code>rid</code> parameter: a start and an end with
      the same id belong together, so each run's time is measured on its own.
    </p>
    ${codeBlock(`RID=$(uuidgen)
curl -fsS -m 10 --retry 5 -o /dev/null "$URL/start?rid=$RID"
/usr/local/bin/backup.sh
status=$?
curl -fsS -m 10 --retry 5 -o /dev/null "$URL/$status?rid=$RID"`)}
    <h2>Log messages</h2>
    <p><code>/log</code> records a message without changing the check's status:</p>
    ${codeBlock(`curl -fsS -m 10 --retry 5 -o /dev/null --data-raw "disk 91% full" "$URL/log"`)}`,
};

export const pythonPage: DocsPage = {
  slug: 'python',
  title: 'Python',
  summary: 'Ping from Python with the standard library (urllib), no package needed.',
  body: (d) => html`<p>The standard library is enough. Catch network errors so a failed ping never breaks the job itself:</p>
    ${codeBlock(`import urllib.request

try:
    urllib.request.urlopen("${d.pingUrl}", timeout=10)
except OSError as e:
    # URLError and timeouts are OSErrors: log them and carry on
    print("Ping failed: %s" % e)`)}
    <h2>Start, success and failure</h2>
    ${codeBlock(`import urllib.request

URL = "${d.pingUrl}"


def ping(path="", data=None):
    try:
        urllib.request.urlopen(URL + path, data=data, timeout=10)
    except OSError as e:
        print("Ping failed: %s" % e)


ping("/start")
try:
    run_backup()
except Exception as e:
    ping("/fail", data=repr(e).encode())  # a body makes it a POST
    raise
ping()`)}
    ${bodyLimitNote(d)}`,
};

export const nodePage: DocsPage = {
  slug: 'javascript',
  title: 'Node.js',
  summary: 'Ping from Node.js 18 and later with the built-in fetch.',
  body: (
    d,
  ) => html`<p>Node.js 18 and later have <code>fetch</code> built in. Set a timeout, and do not let a failed ping stop the job:</p>
    ${codeBlock(`try {
  await fetch('${d.pingUrl}', { signal: AbortSignal.timeout(10_000) });
} catch (error) {
  console.error('Ping failed:', error.message);
}`)}
    <h2>Start, success and failure</h2>
    ${codeBlock(`const URL = '${d.pingUrl}';

async function ping(path = '', body) {
  try {
    const res = await fetch(URL + path, {
      method: body === undefined ? 'GET' : 'POST',
      body,
      signal: AbortSignal.timeout(10_000),
    });
    // fetch resolves on HTTP errors too: a 404 means the URL is wrong
    if (!res.ok) console.error('Ping answered', res.status, await res.text());
  } catch (error) {
    console.error('Ping failed:', error.message);
  }
}

await ping('/start');
try {
  await runBackup();
  await ping();
} catch (error) {
  await ping('/fail', String(error.stack ?? error));
  throw error;
}`)}
    ${bodyLimitNote(d)}`,
};

export const powershellPage: DocsPage = {
  slug: 'powershell',
  title: 'PowerShell',
  summary: 'Ping from Windows scheduled tasks with Invoke-RestMethod.',
  body: (d) => html`<p>At the end of a script run by the Task Scheduler:</p>
    ${codeBlock(`Invoke-RestMethod ${d.pingUrl} -TimeoutSec 10`)}
    <p>As the command of a scheduled task:</p>
    ${codeBlock(`powershell.exe -NoProfile -Command "& C:\\scripts\\backup.ps1; Invoke-RestMethod ${d.pingUrl} -TimeoutSec 10"`)}
    <h2>Start, success and failure</h2>
    ${codeBlock(`$url = "${d.pingUrl}"
Invoke-RestMethod "$url/start" -TimeoutSec 10
try {
    & C:\\scripts\\backup.ps1
    Invoke-RestMethod $url -TimeoutSec 10
} catch {
    # The error goes along as the ping's body
    Invoke-RestMethod "$url/fail" -Method Post -Body ($_ | Out-String) -TimeoutSec 10
}`)}
    <p>
      For a native program, send its exit status instead: <code>Invoke-RestMethod "$url/$LASTEXITCODE"</code>. PowerShell 7
      can retry by itself with <code>-MaximumRetryCount 5 -RetryIntervalSec 5</code>.
    </p>
    ${bodyLimitNote(d)}`,
};
