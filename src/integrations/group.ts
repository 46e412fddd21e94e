import { z } from 'zod';
import { isUuidString } from '../lib/ids.js';
import { defineIntegration, delivered, failed } from './integration.js';

/**
 * Comma-separated codes of other channels of the same project. The API takes the same string or
 * a list of codes and stores the string. Checking that the codes name non-group channels of the
 * project needs the database, so the channels API does that.
 */
export function groupMembers(value: string): string[] {
  const codes = value
    .split(',')
    .map((code) => code.trim().toLowerCase())
    .filter((code) => code !== '');
  return [...new Set(codes)];
}

const configSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (Array.isArray(value) && !value.every((v) => typeof v === 'string'))
    return fail('config must list channel UUIDs as strings');
  if (typeof value !== 'string' && !Array.isArray(value)) {
    return fail('config must be a comma-separated string or a list of channel UUIDs');
  }
  const codes = groupMembers(Array.isArray(value) ? value.join(',') : value);
  const bad = codes.find((code) => !isUuidString(code));
  if (bad !== undefined) return fail(`config has an invalid channel UUID: ${bad}`);
  if (codes.length === 0) return fail('config must list at least one channel UUID');
  return codes.join(',');
});

export const groupIntegration = defineIntegration<string>({
  kind: 'group',
  label: 'Group',
  configSchema,
  fromStored: (stored) => stored,
  toStored: (config) => config,
  isNoop: () => false,
  async notify(_ctx, config, io) {
    let members = 0;
    let failures = 0;
    // One after another, as in Healthchecks: each member sees the quota the previous one used.
    for (const code of groupMembers(config)) {
      const result = await io.notifyMember(code);
      if (result === null) continue;
      members += 1;
      if (result !== 'no-op' && !result.ok) failures += 1;
    }
    return failures > 0 ? failed(`${failures} out of ${members} notifications failed`) : delivered;
  },
});
