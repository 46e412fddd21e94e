import { spawn } from 'node:child_process';
import { z } from 'zod';
import { isoSeconds } from '../lib/iso-time.js';
import { defineIntegration, delivered, failed, type DeliveryResult } from './integration.js';
import { tagList } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { replacePlaceholders, shellQuote, tagPlaceholders } from './placeholders.js';
import { strictObjectError } from './twilio-phone-config.js';

/** `{"cmd_down", "cmd_up"}`; an empty command means nothing runs for that status. */
export interface ShellConfig {
  cmd_down: string;
  cmd_up: string;
}

/** A hung command must not hold a delivery worker forever. */
const COMMAND_TIMEOUT_MS = 60_000;

/** spec §9.6: free-text values are shell-quoted, so a check name cannot inject commands. */
export function renderShellCommand(template: string, ctx: NotificationContext): string {
  const check = ctx.check;
  const values = new Map<string, string>([
    ['$CODE', check.code],
    ['$STATUS', ctx.status],
    ['$NOW', isoSeconds(ctx.flip.at)!],
    ['$NAME', shellQuote(check.name)],
    ['$TAGS', shellQuote(check.tags)],
    ...tagPlaceholders(tagList(check), shellQuote),
  ]);
  return replacePlaceholders(template, values);
}

function runCommand(command: string): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    // Output is discarded, as with Healthchecks' os.system under a service manager.
    const child = spawn('/bin/sh', ['-c', command], { stdio: 'ignore' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, COMMAND_TIMEOUT_MS);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(failed(`Command could not be run (${error.code ?? error.message})`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve(failed(`Command timed out after ${COMMAND_TIMEOUT_MS / 1000} seconds`));
      else if (code === 0) resolve(delivered);
      else if (code !== null) resolve(failed(`Command returned exit code ${code}`));
      else resolve(failed(`Command was killed by ${signal}`));
    });
  });
}

const commandField = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .max(1000, { error: `${field} is too long (at most 1000 characters)` })
    .default('');

const configSchema: z.ZodType<ShellConfig> = z.strictObject(
  { cmd_down: commandField('cmd_down'), cmd_up: commandField('cmd_up') },
  { error: strictObjectError },
);

export const shellIntegration = defineIntegration<ShellConfig>({
  kind: 'shell',
  label: 'Shell Command',
  configSchema,
  fromStored(stored) {
    const doc = JSON.parse(stored) as Partial<Record<keyof ShellConfig, unknown>>;
    return {
      cmd_down: typeof doc.cmd_down === 'string' ? doc.cmd_down : '',
      cmd_up: typeof doc.cmd_up === 'string' ? doc.cmd_up : '',
    };
  },
  toStored: (config) => JSON.stringify({ cmd_down: config.cmd_down, cmd_up: config.cmd_up }),
  secretFields: ['cmd_down', 'cmd_up'],
  isNoop: (config, status) => (status === 'down' ? !config.cmd_down : !config.cmd_up),
  async notify(ctx, config, io) {
    if (!io.settings.shellEnabled) return failed('Shell commands are not enabled');
    const template = ctx.status === 'down' ? config.cmd_down : config.cmd_up;
    return runCommand(renderShellCommand(template, ctx));
  },
});
