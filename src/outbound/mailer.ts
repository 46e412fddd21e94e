/** Outgoing email (alerts, nags, reports), implemented over nodemailer in smtp-mailer.ts. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Readonly<Record<string, string>>;
  attachments?: readonly { filename: string; content: Uint8Array | string; contentType?: string }[];
  /**
   * Envelope sender (MAIL FROM). A signed bounce address (spec §8.4) when EMAIL_MAIL_FROM_TMPL
   * is set, so bounces reach /api/v3/bounces/ naming this message.
   */
  envelopeFrom?: string;
}

export type SendResult = { ok: true } | { ok: false; error: string };

export interface Mailer {
  /** Retries disconnects up to 3 times (spec §9.3 email); never throws. */
  send(email: OutgoingEmail): Promise<SendResult>;
}
