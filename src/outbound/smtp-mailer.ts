import { createTransport } from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer, OutgoingEmail, SendResult } from './mailer.js';

/** What `send` answers when EMAIL_HOST is unset: the mail goes nowhere, and the channel says why. */
export const EMAIL_NOT_CONFIGURED = 'Email is not configured (EMAIL_HOST is not set)';

const MAX_ATTEMPTS = 3;
const TIMEOUT_MS = 30_000;
// Node's and nodemailer's codes for a connection that failed or dropped: worth a fresh connection.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS']);

export interface SmtpMailerOptions {
  /**
   * Pause between attempts, 1 s as in Healthchecks (an SMTP server that just dropped a pooled
   * connection often refuses the next one for a moment). Tests pass 0.
   */
  retryDelayMs?: number;
}

export interface SmtpMailer extends Mailer {
  /** Ends the pooled connections (shutdown). */
  close(): void;
}

/** The fields of nodemailer's errors this module reads. */
interface SmtpError {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
}

function asSmtpError(error: unknown): SmtpError {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

/** Disconnects, timeouts and 4xx replies may pass on another attempt; 5xx replies never will. */
function isRetryable(e: SmtpError): boolean {
  if (e.responseCode !== undefined) return e.permanent === false;
  return e.code !== undefined && CONNECTION_CODES.has(e.code);
}

/** The text stored as the channel's last error: the server's own reply where there is one. */
export function describeSmtpError(e: SmtpError): string {
  const reply = e.response?.trim();
  if (e.code === 'EAUTH') return `SMTP authentication failed: ${reply ?? e.message ?? 'unknown error'}`;
  if (e.code === 'ETLS') return `TLS with the SMTP server failed: ${e.message ?? reply ?? 'unknown error'}`;
  if (reply) return `Email rejected by the SMTP server: ${reply}`;
  if (e.code === 'ETIMEDOUT') return 'Connection to the SMTP server timed out';
  if (e.code !== undefined && CONNECTION_CODES.has(e.code)) return `SMTP connection failed: ${e.message ?? e.code}`;
  return `Sending email failed: ${e.message ?? 'unknown error'}`;
}

const noTransport: SmtpMailer = {
  send: () => Promise.resolve({ ok: false, error: EMAIL_NOT_CONFIGURED }),
  close: () => undefined,
};

/**
 * Sends over SMTP with a pool of kept-alive connections (alerts come in bursts). EMAIL_USE_TLS is
 * Django's: STARTTLS required, so a server that does not offer it is refused rather than sent
 * to in clear; with it off no STARTTLS is attempted at all. Port 465 means TLS from the start.
 */
export function makeSmtpMailer(email: Config['email'], log: Logger, options: SmtpMailerOptions = {}): SmtpMailer {
  if (email.host === null) return noTransport;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const secure = email.port === 465;
  const transport = createTransport({
    pool: true,
    host: email.host,
    port: email.port,
    secure,
    requireTLS: email.useTls && !secure,
    ignoreTLS: !email.useTls && !secure,
    auth: email.user ? { user: email.user, pass: email.password } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });

  async function sendOnce(message: OutgoingEmail): Promise<void> {
    await transport.sendMail({
      from: email.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers ? { ...message.headers } : undefined,
      attachments: message.attachments?.map((a) => ({
        filename: a.filename,
        content: typeof a.content === 'string' ? a.content : Buffer.from(a.content),
        contentType: a.contentType,
        // nodemailer makes a message/rfc822 part inline, and clients then show it as body text.
        contentDisposition: 'attachment' as const,
      })),
      envelope: message.envelopeFrom ? { from: message.envelopeFrom, to: [message.to] } : undefined,
    });
  }

  async function send(message: OutgoingEmail): Promise<SendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        await sendOnce(message);
        return { ok: true };
      } catch (thrown) {
        const e = asSmtpError(thrown);
        const error = describeSmtpError(e);
        if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
          log.warn({ to: message.to, attempt, code: e.code, error }, 'email delivery failed');
          return { ok: false, error };
        }
        log.debug({ to: message.to, attempt, code: e.code, error }, 'email attempt failed, retrying');
        if (retryDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }

  return { send, close: () => transport.close() };
}
