import { simpleParser } from 'mailparser';
import { htmlText } from './html-text.js';

/** What an email ping's keywords are matched against (spec §10). */
export interface EmailText {
  /** The Subject header with RFC 2047 encoded words decoded; '' when absent. */
  subject: string;
  /** The text/plain part, then the text of the text/html part, joined with a newline. */
  bodyText: string;
}

/**
 * Parses a raw message leniently: a message mailparser cannot make sense of still pings its
 * check, with empty texts (so only keyword filters can turn it into `ign`/`fail`).
 */
export async function emailText(raw: Buffer): Promise<EmailText> {
  try {
    const parsed = await simpleParser(raw, {
      // The HTML part is converted below by our own rules; mailparser would otherwise fold a
      // converted copy into `text` when no plain part exists.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
    const parts: string[] = [];
    if (parsed.text) parts.push(parsed.text);
    if (typeof parsed.html === 'string' && parsed.html !== '') parts.push(htmlText(parsed.html));
    return { subject: parsed.subject ?? '', bodyText: parts.join('\n') };
  } catch {
    return { subject: '', bodyText: '' };
  }
}
