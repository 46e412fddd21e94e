import { AppError } from '../../lib/app-error.js';
import { isUuidString } from '../../lib/ids.js';
import type { PageCursor, PageRequest } from '../../store/cloud-page.js';

export { isHost } from '../../domain/is-host.js';

const bad = (message: string): AppError => new AppError('bad_request', message);

export type Body = Record<string, unknown>;

export function objectBody(body: unknown): Body {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw bad('invalid request body');
  return body as Body;
}

/** Malformed IDs are a 400 naming the ID (spec §2.2), never a 404. */
export function uuidParam(value: string | undefined, what: string): string {
  if (value === undefined || !isUuidString(value)) throw bad(`invalid ${what} ID`);
  return value.toLowerCase();
}

/** The opaque cursor: base64url of `<createdAt ms>.<id>`, the keyset position of the page's last row. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.createdAt}.${cursor.id}`).toString('base64url');
}

function decodeCursor(value: string): PageCursor {
  const match = /^(\d{1,16})\.([0-9a-f-]{36})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2] || !isUuidString(match[2])) throw bad('decode cursor');
  return { createdAt: Number(match[1]), id: match[2] };
}

/** `last` absent or 0 means no limit (the Calyptia CLI's `--last 0`). */
export function pageQuery(query: unknown): PageRequest {
  const q = (query ?? {}) as Record<string, unknown>;
  const last = q.last;
  let limit: number | null = null;
  if (last !== undefined) {
    if (typeof last !== 'string' || !/^\d{1,9}$/.test(last)) throw bad('invalid last');
    limit = Number(last) === 0 ? null : Number(last);
  }
  const before = q.before;
  if (before !== undefined && typeof before !== 'string') throw bad('decode cursor');
  return { limit, before: before ? decodeCursor(before) : null };
}

export const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535;

export function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((t) => typeof t === 'string');
}

/** A key that is absent or null leaves the field unchanged (spec §2.5). */
export const given = (body: Body, key: string): boolean => body[key] !== undefined && body[key] !== null;

export { bad };
