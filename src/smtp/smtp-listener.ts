import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../deps.js';
import type { PingAnswer, PingRecorder } from '../ping/record-ping.js';
import type { PingTarget } from '../store/ping-batch.js';
import { emailText, type EmailText } from './email-text.js';
import { parseRecipient } from './recipient.js';

export interface SmtpListener {
  port: number;
  /** Stops accepting connections and waits for the messages being recorded. */
  close(): Promise<void>;
}

/** Larger messages get the library's `552 … exceeds fixed maximum message size`. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface SmtpError extends Error {
  responseCode: number;
}

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Inbound email pings (spec §10): mail to `<uuid>@PING_EMAIL_DOMAIN` or
 * `<ping_key>+<slug>@PING_EMAIL_DOMAIN` pings that check through the same recorder as HTTP.
 */
export async function startSmtpListener(
  deps: Deps,
  recorder: PingRecorder,
  { host, port }: { host: string; port: number },
): Promise<SmtpListener> {
  const log = deps.log.child({ component: 'smtp' });
  const inFlight = new Set<Promise<unknown>>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const parsed = parseRecipient(address.address, deps.config.pingEmailDomain);
      callback('reject' in parsed ? smtpError(550, parsed.reject) : null);
    },
    onData(stream, session, callback) {
      const done = receive(stream, session).then(
        (temporaryFailure) =>
          // Healthchecks answers 250 and drops the ping when its database is down; a 451 makes
          // the sending server retry instead, so the ping is not lost.
          callback(temporaryFailure ? smtpError(451, '4.3.0 Temporary failure, please try again later') : null, 'OK'),
        (error: unknown) => {
          log.error({ err: error }, 'email ping failed');
          callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
        },
      );
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    },
  });
  // Socket errors (a client resetting the connection…) are the client's problem, never a crash.
  server.on('error', (error) => log.warn({ err: error }, 'smtp connection error'));

  /** Records the message for every accepted recipient; true when one must be retried later. */
  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<boolean> {
    const raw = await readMessage(stream);
    if (stream.sizeExceeded) return false;
    const text = await emailText(raw);
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    let temporaryFailure = false;
    for (const recipient of session.envelope.rcptTo) {
      const parsed = parseRecipient(recipient.address, deps.config.pingEmailDomain);
      if ('reject' in parsed) continue;
      const answer = await recordOne(parsed.target, raw, text, mailFrom, session.remoteAddress);
      temporaryFailure ||= answer === 'unavailable';
      logAnswer(answer, recipient.address);
    }
    return temporaryFailure;
  }

  function recordOne(target: PingTarget, raw: Buffer, text: EmailText, mailFrom: string, remoteAddress: string) {
    return recorder.record({
      target,
      source: { via: 'email', subject: text.subject, bodyText: text.bodyText },
      scheme: 'email',
      remoteAddr: remoteAddress || null,
      method: '',
      ua: `Email from ${mailFrom}`.slice(0, 200),
      rid: undefined,
      exitStatus: null,
      body: raw,
      bodyTooLarge: false,
      // The whole message is kept: alerts re-attach it as last-ping.eml (spec §10).
      keepWholeBody: true,
      create: false,
    });
  }

  function logAnswer(answer: PingAnswer, address: string): void {
    if (answer === 'ok') log.info(`Processed ping for ${address}`);
    else if (answer === 'not_found') log.info(`Check not found: ${address}`);
    else if (answer === 'ambiguous') log.info(`Ambiguous slug: ${address}`);
    else if (answer === 'unavailable') log.warn(`Ping not recorded, database unavailable: ${address}`);
    else log.warn({ answer }, `Ping refused for ${address}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The message as received, dot-unstuffed; past the size limit the rest is drained, not kept. */
async function readMessage(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (stream.sizeExceeded) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size);
}
