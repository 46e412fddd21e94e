import {
  CHECK_INTERVAL_RANGE,
  CHECK_NOUN,
  DEFAULT_CHECK_INTERVAL,
  type CheckChanges,
  type CheckInput,
  type CheckParentKind,
} from '../../cloud/cloud-checks.js';
import { bad, given, isHost, isPort, objectBody } from './cloud-input.js';

const PROTOCOLS = new Set(['tcp', 'udp']);
const STATUSES = new Set(['new', 'failed', 'running', 'ok']);
/** The create schema's default; an explicit 0 is kept (spec §3.4, a deliberate choice). */
const DEFAULT_RETRIES = 3;

function field(kind: CheckParentKind, body: Record<string, unknown>, key: string, ok: (v: unknown) => boolean): void {
  if (given(body, key) && !ok(body[key])) throw bad(`invalid ${CHECK_NOUN[kind]} ${key}`);
}

/** A datagram's worth of text, not a file. */
const MAX_UDP_TEXT_BYTES = 1024;

const validators: Record<string, (v: unknown) => boolean> = {
  protocol: (v) => typeof v === 'string' && PROTOCOLS.has(v),
  host: isHost,
  port: isPort,
  // Go clients always send every key, an unset status as "" (spec §3.3)
  status: (v) => typeof v === 'string' && (v === '' || STATUSES.has(v)),
  retries: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000,
  // Watchpost extensions for UDP checks, as text (sent and matched as UTF-8 bytes)
  payload: (v) => typeof v === 'string' && Buffer.byteLength(v) <= MAX_UDP_TEXT_BYTES,
  expect: (v) => typeof v === 'string' && Buffer.byteLength(v) <= MAX_UDP_TEXT_BYTES,
  interval: (v) => Number.isInteger(v) && (v as number) >= CHECK_INTERVAL_RANGE.min && (v as number) <= CHECK_INTERVAL_RANGE.max,
};

function validate(kind: CheckParentKind, body: Record<string, unknown>): void {
  for (const key of Object.keys(validators)) field(kind, body, key, validators[key] ?? (() => false));
}

export function checkCreateInput(kind: CheckParentKind, raw: unknown): CheckInput {
  const body = objectBody(raw);
  validate(kind, body);
  for (const key of ['protocol', 'host', 'port']) if (!given(body, key)) throw bad(`invalid ${CHECK_NOUN[kind]} ${key}`);
  return {
    protocol: body.protocol as string,
    host: body.host as string,
    port: body.port as number,
    status: (body.status as string | undefined) || 'new',
    retries: given(body, 'retries') ? (body.retries as number) : DEFAULT_RETRIES,
    interval: given(body, 'interval') ? (body.interval as number) : DEFAULT_CHECK_INTERVAL,
    payload: (body.payload as string | undefined) || null,
    expect: (body.expect as string | undefined) || null,
  };
}

export function checkUpdateInput(kind: CheckParentKind, raw: unknown): CheckChanges {
  const body = objectBody(raw);
  validate(kind, body);
  const changes: CheckChanges = {};
  if (given(body, 'protocol')) changes.protocol = body.protocol as string;
  if (given(body, 'host')) changes.host = body.host as string;
  if (given(body, 'port')) changes.port = body.port as number;
  if (given(body, 'retries')) changes.retries = body.retries as number;
  if (given(body, 'interval')) changes.interval = body.interval as number;
  if (given(body, 'payload')) changes.payload = body.payload as string;
  if (given(body, 'expect')) changes.expect = body.expect as string;
  // "" is the Go client's "unset"
  if (given(body, 'status') && body.status !== '') changes.status = body.status as string;
  return changes;
}
