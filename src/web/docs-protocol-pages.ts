import { html } from './html.js';
import { codeBlock, docLink, type DocsPage } from './docs-context.js';

/** Spec §3 and Appendix C: what a pinger can be answered, in the order a reader meets them. */
const ANSWERS: Array<[number, string, string]> = [
  [200, 'OK', 'The ping is stored. Only then is it answered.'],
  [201, 'Created', 'A slug URL with ?create=1 created the check, then stored the ping.'],
  [400, 'invalid url format', 'An exit status above 255, or a slug with uppercase letters.'],
  [400, 'invalid uuid format', 'The rid parameter is not a UUID.'],
  [400, 'request body too large', 'The body is larger than the server accepts at all.'],
  [404, 'not found', 'No check has this UUID, or no check this slug (or the ping key was revoked).'],
  [409, 'ambiguous slug', 'Several checks of the project share the slug: give them different slugs.'],
  [503, 'service unavailable', 'The ping could not be stored right now. Retry (curl --retry does).'],
];

export const pingApiPage: DocsPage = {
  slug: 'http_api',
  title: 'Pinging API',
  summary: 'The ping URLs, what each one means, and every answer the server can give.',
  body: (d) => html`<p>
      Pinging needs no API key: the check's UUID (or the project's ping key) in the URL is the secret. Any HTTP method works
      (HEAD, GET, POST, PUT…), over HTTP or HTTPS.
    </p>
    <h2>URLs</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">URL</th>
          <th scope="col">Means</th>
        </tr>
      </thead>
      <tbody>
        <tr><td><code>${d.pingEndpoint}&lt;uuid&gt;</code></td><td>Success: the check is up.</td></tr>
        <tr><td><code>${d.pingEndpoint}&lt;uuid&gt;/start</code></td><td>The job started: its run time is measured from here, and it must finish within the grace time.</td></tr>
        <tr><td><code>${d.pingEndpoint}&lt;uuid&gt;/fail</code></td><td>Failure: the check goes down at once.</td></tr>
        <tr><td><code>${d.pingEndpoint}&lt;uuid&gt;/log</code></td><td>A message for the event log; the status does not change.</td></tr>
        <tr><td><code>${d.pingEndpoint}&lt;uuid&gt;/&lt;exit-status&gt;</code></td><td>0 is a success, 1 to 255 a failure.</td></tr>
        <tr><td><code>${d.pingEndpoint}&lt;ping-key&gt;/&lt;slug&gt;</code></td><td>The same by slug, with the same endings (<code>/start</code>, <code>/fail</code>, <code>/log</code>, <code>/&lt;exit-status&gt;</code>).</td></tr>
      </tbody>
    </table>
    <h2>Parameters</h2>
    <dl class="options">
      <dt><code>?rid=&lt;uuid&gt;</code></dt>
      <dd>A run id: pairs a start with its end when runs overlap.</dd>
      <dt><code>?create=1</code></dt>
      <dd>On slug URLs only: creates the check if the project has none with this slug.</dd>
    </dl>
    <h2>Request body</h2>
    <p>
      The body of a POST is kept with the ping (shown in the event log and sent along in alerts).
      ${
        d.pingBodyLimitBytes === null
          ? 'This server keeps bodies whole.'
          : `This server keeps the first ${d.pingBodyLimitBytes.toLocaleString('en')} bytes and says so in the Ping-Body-Limit header.`
      }
      A check can also read its keywords from the body to decide between success and failure (the check's filtering rules).
    </p>
    <h2>Answers</h2>
    <table class="answers">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Body</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        ${ANSWERS.map(([status, body, when]) => html`<tr><td>${status}</td><td><code>${body}</code></td><td>${when}</td></tr>`)}
      </tbody>
    </table>
    <p>Examples by language: ${docLink(d, 'monitoring_cron_jobs', 'cron')}, ${docLink(d, 'bash', 'shell')}, ${docLink(d, 'python', 'Python')}, ${docLink(d, 'javascript', 'Node.js')}, ${docLink(d, 'powershell', 'PowerShell')}.</p>`,
};

export const emailPage: DocsPage = {
  slug: 'email',
  title: 'Pinging by email',
  summary: `Send an email instead of an HTTP request: each check has an address.`,
  body: (d) => html`${
    d.emailPingsEnabled
      ? ''
      : html`<p class="flash">This server does not receive email at the moment: its operator can turn it on with <code>SMTPD_PORT</code>.</p>`
  }
    <p>Every check has an email address. An email to it counts as a ping, for programs that can send mail but not make HTTP requests.</p>
    ${codeBlock(`your-uuid-here@${d.pingEmailDomain}`)}
    <p>By slug, with the project's ping key:</p>
    ${codeBlock(`<ping-key>+<slug>@${d.pingEmailDomain}`)}
    <h2>Success or failure?</h2>
    <p>
      By default, every email is a success. Turn on the check's email filters to read its subject or body: the email is a
      failure when it contains one of the failure keywords, a success when it contains a success keyword, and a start
      when it contains a start keyword. Keywords are comma-separated and case-sensitive. An email with none of them is
      ignored, or counts as a failure if the check says so.
    </p>
    <p>
      The whole message is kept: the event log shows its subject and its text and HTML parts, and alerts attach it.
    </p>
    <p>See the ${docLink(d, 'http_api', 'Pinging API')} for the HTTP way.</p>`,
};
