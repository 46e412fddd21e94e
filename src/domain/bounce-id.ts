import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Timestamped signatures in the shape of Healthchecks' `ShortHexTimestampSigner` (spec Appendix A
 * "Bounce ID signing"): `<value>.<hex unix seconds>.<first 16 hex of the signature>`, where the
 * signature is Django's `salted_hmac(salt + "signer", "<value>.<hex seconds>", SECRET_KEY,
 * algorithm="sha256")`, i.e. HMAC-SHA256 keyed by SHA256(salt + "signer" + secret). The short form
 * keeps `n.<uuid>.<ts>.<sig>` within the 64 characters an address's local part may have.
 */
export interface SignedValue {
  value: string;
  signedAtMs: number;
}

/** Django's default salt is the signer's class path; using it keeps Healthchecks' IDs valid here. */
const BOUNCE_SALT = 'hc.lib.signing.ShortHexTimestampSigner';
/**
 * The legacy form still accepted (spec Appendix A): Healthchecks' earlier `HexTimestampSigner`,
 * the full 40-hex HMAC-SHA1 keyed by SHA1(salt + "signer" + secret) over the same string. A
 * bounce for an email sent by a Healthchecks install before the switch thus still verifies.
 */
const LEGACY_BOUNCE_SALT = 'hc.lib.signing.HexTimestampSigner';
const SHORT_SIGNATURE_CHARS = 16;

function saltedHexHmac(algorithm: 'sha256' | 'sha1', salt: string, message: string, secretKey: string): string {
  const key = createHash(algorithm).update(`${salt}signer${secretKey}`, 'utf8').digest();
  return createHmac(algorithm, key).update(message, 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Signs `value` at `nowMs` with the short SHA-256 signature under `salt`. */
export function signTimestamped(value: string, nowMs: number, secretKey: string, salt: string): string {
  const signed = `${value}.${Math.floor(nowMs / 1000).toString(16)}`;
  return `${signed}.${saltedHexHmac('sha256', salt, signed, secretKey).slice(0, SHORT_SIGNATURE_CHARS)}`;
}

/**
 * Reads a `signTimestamped` string: the value and when it was signed, or null when malformed or
 * the signature does not match. `legacySalt` also accepts the full-length SHA-1 form under it.
 * Hex is compared case-insensitively: some mail systems change the case of a local part.
 */
export function readTimestamped(signed: string, secretKey: string, salt: string, legacySalt?: string): SignedValue | null {
  const sigDot = signed.lastIndexOf('.');
  const tsDot = sigDot > 0 ? signed.lastIndexOf('.', sigDot - 1) : -1;
  if (tsDot <= 0) return null;
  const message = signed.slice(0, sigDot);
  const hexSeconds = signed.slice(tsDot + 1, sigDot);
  const signature = signed.slice(sigDot + 1).toLowerCase();
  if (!/^[0-9a-f]{1,12}$/i.test(hexSeconds) || !/^[0-9a-f]+$/.test(signature)) return null;
  const valid =
    (signature.length === SHORT_SIGNATURE_CHARS &&
      sameText(signature, saltedHexHmac('sha256', salt, message, secretKey).slice(0, SHORT_SIGNATURE_CHARS))) ||
    (legacySalt !== undefined &&
      signature.length === 40 &&
      sameText(signature, saltedHexHmac('sha1', legacySalt, message, secretKey)));
  if (!valid) return null;
  return { value: signed.slice(0, tsDot), signedAtMs: parseInt(hexSeconds, 16) * 1000 };
}

/** A bounce ID (spec §4.20 `bounces/`): `n.<notification uuid>` or `r.<username>`, signed at `nowMs`. */
export function signBounceId(value: string, nowMs: number, secretKey: string): string {
  return signTimestamped(value, nowMs, secretKey, BOUNCE_SALT);
}

/**
 * The value of a bounce ID, or null when it is malformed, badly signed, or signed more than
 * `maxAgeMs` before `nowMs`. Like Healthchecks, a timestamp in the future is not refused.
 */
export function verifyBounceId(id: string, nowMs: number, secretKey: string, maxAgeMs: number): string | null {
  const read = readTimestamped(id, secretKey, BOUNCE_SALT, LEGACY_BOUNCE_SALT);
  if (!read || nowMs - read.signedAtMs > maxAgeMs) return null;
  return read.value;
}

/**
 * The envelope sender for `bounceId` from EMAIL_MAIL_FROM_TMPL: `{bounce_id}` is replaced, or,
 * in a template written for Healthchecks, its first `%s`.
 */
export function bounceAddress(template: string, bounceId: string): string {
  return template.includes('{bounce_id}') ? template.replaceAll('{bounce_id}', bounceId) : template.replace('%s', bounceId);
}
