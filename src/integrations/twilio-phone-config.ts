import { z } from 'zod';

/** `{"value": "+E.164", "up", "down"}`: the stored form of sms, whatsapp and signal (spec §9.3). */
export interface PhoneConfig {
  value: string;
  up: boolean;
  down: boolean;
}

/** Healthchecks' phone number check: a `+` and 5 to 15 digits. */
const PHONE_NUMBER = /^\+\d{5,15}$/;

/**
 * What the Healthchecks forms do before checking a number: drop non-ASCII characters, spaces
 * and dashes, so `+1 555-123 4567` is stored as `+15551234567`.
 */
export function normalizePhoneInput(value: string): string {
  return [...value].filter((ch) => ch.charCodeAt(0) < 0x80 && ch !== ' ' && ch !== '-').join('');
}

export function isPhoneNumber(value: string): boolean {
  return PHONE_NUMBER.test(value);
}

export const PHONE_NUMBER_HINT = 'use the international format, e.g. +15551234567';

/**
 * Reads a stored phone value. Besides the JSON form, Healthchecks once stored the bare number;
 * such channels (and JSON without `up`/`down`) notified on down only.
 */
export function phoneFromStored(stored: string): PhoneConfig {
  if (!stored.startsWith('{')) return { value: stored, up: false, down: true };
  const doc = JSON.parse(stored) as Record<string, unknown>;
  if (typeof doc.value !== 'string') throw new Error('phone channel value has no "value"');
  return { value: doc.value, up: doc.up === true, down: doc.down === undefined ? true : doc.down === true };
}

export function phoneToStored(config: PhoneConfig): string {
  return JSON.stringify({ value: config.value, up: config.up, down: config.down });
}

export function phoneIsNoop(config: PhoneConfig, status: 'up' | 'down'): boolean {
  return status === 'down' ? !config.down : !config.up;
}

export const strictObjectError = (iss: { code: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? `unknown field: ${(iss.keys ?? []).join(', ')}` : 'config must be a JSON object';

/**
 * The API's `config` for a phone kind: `value` validated by `check` after normalization, `up` and
 * `down` with the form's defaults, and at least one of them on.
 */
export function phoneConfigSchema(options: {
  defaults: { up: boolean; down: boolean };
  check: (value: string) => string | null;
}): z.ZodType<PhoneConfig> {
  return z
    .strictObject(
      {
        value: z
          .string({ error: 'value must be a string' })
          .transform(normalizePhoneInput)
          .superRefine((value, ctx) => {
            const problem = options.check(value);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
        up: z.boolean({ error: 'up must be true or false' }).default(options.defaults.up),
        down: z.boolean({ error: 'down must be true or false' }).default(options.defaults.down),
      },
      { error: strictObjectError },
    )
    .superRefine((config, ctx) => {
      if (!config.up && !config.down) {
        ctx.addIssue({ code: 'custom', path: ['down'], message: 'up and down must not both be false' });
      }
    });
}

/** The `value` check of sms, whatsapp and call. */
export function phoneNumberProblem(value: string): string | null {
  return isPhoneNumber(value) ? null : `value is not a valid phone number (${PHONE_NUMBER_HINT})`;
}
