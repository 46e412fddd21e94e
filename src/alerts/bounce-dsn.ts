import { simpleParser, type AddressObject } from 'mailparser';

/** What a delivery status notification (RFC 3464) says about the message it bounces. */
export interface BounceReport {
  /** Local part of the bounce's To address: the signed bounce ID. */
  toLocal: string;
  /** The first `Status` field of a part that also has `Action`, e.g. `5.1.1`; "" when none. */
  status: string;
  /** That part's `Diagnostic-Code`, without the `smtp; ` type prefix; "" when none. */
  diagnostic: string;
}

/**
 * Header blocks of a `message/delivery-status` body: per-message fields, then one block per
 * recipient, separated by blank lines. Folded lines are unfolded; names are lowercased.
 */
export function parseFieldBlocks(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    for (const line of chunk.replace(/\n(?=[ \t])/g, '').split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
    }
    if (fields.size > 0) blocks.push(fields);
  }
  return blocks;
}

function firstAddress(to: AddressObject | AddressObject[] | undefined): string | undefined {
  const objects = Array.isArray(to) ? to : to ? [to] : [];
  for (const object of objects) {
    for (const entry of object.value) if (entry.address) return entry.address;
  }
  return undefined;
}

const DELIVERY_STATUS = /^message\/(global-)?delivery-status$/i;

/**
 * Reads a bounce as Healthchecks does (spec §4.20): walk the MIME parts, take the first one with
 * both `Status` and `Action`. Those live in the delivery-status part's recipient blocks, which
 * mailparser hands over as an attachment when asked to keep it.
 */
export async function readBounce(raw: Buffer): Promise<BounceReport> {
  const parsed = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextLinks: true });
  const rawTo = parsed.headers.get('to');
  const address = firstAddress(parsed.to) ?? (typeof rawTo === 'string' ? rawTo : '');
  const toLocal = address.split('@')[0]!.trim();

  const candidates: Map<string, string>[] = [];
  const top = new Map<string, string>();
  for (const [name, value] of parsed.headers) if (typeof value === 'string') top.set(name, value);
  candidates.push(top);
  for (const attachment of parsed.attachments) {
    if (DELIVERY_STATUS.test(attachment.contentType)) candidates.push(...parseFieldBlocks(attachment.content.toString('utf8')));
  }
  const part = candidates.find((fields) => fields.has('status') && fields.has('action'));
  if (!part) return { toLocal, status: '', diagnostic: '' };
  let diagnostic = part.get('diagnostic-code') ?? '';
  if (diagnostic.toLowerCase().startsWith('smtp; ')) diagnostic = diagnostic.slice('smtp; '.length);
  return { toLocal, status: part.get('status') ?? '', diagnostic };
}
