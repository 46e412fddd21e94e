import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  mailFrom: string;
  /** The envelope recipients (RCPT TO). */
  rcptTo: string[];
  /** The AUTH user of the session, if it logged in. */
  user: string | undefined;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  /** Offer STARTTLS (smtp-server's self-signed certificate); off by default. */
  startTls?: boolean;
  /** Require AUTH with these credentials (in clear: the sink is local). */
  auth?: { user: string; pass: string };
  /** Decides each MAIL FROM, by its 1-based count across sessions: a refusal or null to accept. */
  mailFrom?: (attempt: number, address: string) => SmtpRefusal | null;
  /** Decides each RCPT TO: a refusal or null to accept. */
  rcptTo?: (address: string) => SmtpRefusal | null;
}

export interface SmtpSink {
  port: number;
  messages: ReceivedMail[];
  /** How many MAIL FROM commands arrived (accepted or not): one per delivery attempt. */
  mailFromCount(): number;
  /** Resolves once `count` messages have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const refusal = (r: SmtpRefusal) => Object.assign(new Error(r.message), { responseCode: r.code });

/** A real SMTP server on 127.0.0.1 that parses what it receives: the peer of outgoing-email tests. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let mailFromCount = 0;
  const server = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: [...(options.auth ? [] : ['AUTH']), ...(options.startTls ? [] : ['STARTTLS'])],
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        callback(null, { user: auth.username });
      else callback(refusal({ code: 535, message: 'Invalid username or password' }));
    },
    onMailFrom(address: SMTPServerAddress, _session, callback) {
      mailFromCount += 1;
      const refused = options.mailFrom?.(mailFromCount, address.address) ?? null;
      callback(refused ? refusal(refused) : null);
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refused = options.rcptTo?.(address.address) ?? null;
      callback(refused ? refusal(refused) : null);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom;
            messages.push({
              mailFrom: from ? from.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : undefined,
              raw,
              parsed,
            });
            for (const w of waiters.filter((w) => messages.length >= w.count)) w.resolve();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    mailFromCount: () => mailFromCount,
    waitFor(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} messages, got ${messages.length}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
