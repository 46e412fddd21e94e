import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { uniqueKey } from '../domain/unique-key.js';
import type { Integration } from '../integrations/integration.js';
import { findIntegration, INTEGRATIONS } from '../integrations/registry.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import {
  checkCodesOfChannel,
  deleteChannel,
  insertChannel,
  projectCheckIdsByCode,
  updateChannel,
} from '../store/channel-writes.js';
import { findProjectChannel, listProjectChannels, type ChannelRecord } from '../store/channels.js';
import { configError } from './channel-config.js';

/** The integrations API's channel object (DESIGN.md "Integrations API"). */
export interface ChannelView {
  id: string;
  name: string;
  kind: string;
  config: unknown;
  checks: string[];
  disabled: boolean;
  last_error: string;
}

export interface ChannelInput {
  kind?: unknown;
  name?: unknown;
  config?: unknown;
  checks?: unknown;
}

type ChannelDeps = Pick<Deps, 'store' | 'clock' | 'config'>;

const MASK = '********';

function masked(integration: Integration, config: unknown): unknown {
  if (!integration.secretFields || typeof config !== 'object' || config === null) {
    // A plain-string configuration is hidden whole when it is a secret (a key, a token) or
    // when the kind has any secret at all: Slack's bare webhook URL is as secret as the token
    // of its OAuth form.
    return typeof config === 'string' && integration.secretFields?.length ? MASK : config;
  }
  let copy = config as Record<string, unknown>;
  for (const field of integration.secretFields) copy = maskPath(copy, field.split('.'));
  return copy;
}

/** A copy with the value at `path` (`webhook.url`: nested) masked; the stored config is untouched. */
function maskPath(config: Record<string, unknown>, [key, ...rest]: string[]): Record<string, unknown> {
  if (key === undefined || !(key in config) || !config[key]) return config;
  const value = config[key];
  if (rest.length === 0) return { ...config, [key]: MASK };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return config;
  return { ...config, [key]: maskPath(value as Record<string, unknown>, rest) };
}

async function view(deps: ChannelDeps, channel: ChannelRecord, readOnly: boolean): Promise<ChannelView> {
  const integration = findIntegration(channel.kind);
  let config: unknown = channel.value;
  if (integration) {
    try {
      config = integration.fromStored(channel.value);
      if (readOnly) config = masked(integration, config);
    } catch {
      config = readOnly ? MASK : channel.value;
    }
  }
  return {
    id: channel.code,
    name: channel.name,
    kind: channel.kind,
    config,
    // read-only keys never see check UUIDs (spec §5.3): they know checks by unique_key
    checks: (await checkCodesOfChannel(deps.store.db, channel.id)).map((code) => (readOnly ? uniqueKey(code) : code)),
    disabled: channel.disabled,
    last_error: channel.lastError,
  };
}

async function ownChannel(deps: ChannelDeps, caller: ApiCaller, code: string): Promise<ChannelRecord> {
  const channel = await findProjectChannel(deps.store.db, caller.projectId, code);
  // not-yours is not-found: a channel UUID of another project reveals nothing
  if (!channel) throw new AppError('not_found', 'channel not found');
  return channel;
}

function readName(value: unknown): string {
  if (typeof value !== 'string') throw new AppError('bad_request', 'json validation error: name is not a string');
  if (value.length > 100) throw new AppError('bad_request', 'json validation error: name is too long');
  return value;
}

/** `"*"`, or a list of the project's check UUIDs. */
async function readChecks(deps: ChannelDeps, projectId: number, value: unknown): Promise<number[]> {
  const byCode = await projectCheckIdsByCode(deps.store.db, projectId);
  if (value === '*') return [...byCode.values()];
  if (!Array.isArray(value))
    throw new AppError('bad_request', 'json validation error: checks must be "*" or a list of check UUIDs');
  return [
    ...new Set(
      value.map((code) => {
        const id = typeof code === 'string' ? byCode.get(code) : undefined;
        if (id === undefined) throw new AppError('bad_request', `invalid check identifier: ${String(code)}`);
        return id;
      }),
    ),
  ];
}

/** Validates `config` for `integration` and returns its stored form. */
async function storedValue(deps: ChannelDeps, projectId: number, integration: Integration, config: unknown): Promise<string> {
  const parsed = integration.configSchema.safeParse(config);
  if (!parsed.success) throw new AppError('bad_request', configError(parsed.error));
  if (integration.kind === 'group') await checkGroupMembers(deps, projectId, parsed.data);
  return integration.toStored(parsed.data);
}

/** A group's members are other, non-group channels of the same project (spec §9.3). */
async function checkGroupMembers(deps: ChannelDeps, projectId: number, config: unknown): Promise<void> {
  const members = String(config).split(',').filter(Boolean);
  const channels = new Map((await listProjectChannels(deps.store.db, projectId)).map((c) => [c.code, c]));
  for (const code of members) {
    const member = channels.get(code);
    if (!member || member.kind === 'group') throw new AppError('bad_request', `invalid channel identifier: ${code}`);
  }
}

/**
 * `confirmed` says whether an email integration's address counts as confirmed: API callers
 * hold the project's read-write key, so theirs do (the default); the dashboard confirms only
 * the user's own address and sends a confirmation link to any other (email-verification.ts).
 */
export async function createChannel(
  deps: ChannelDeps,
  caller: ApiCaller,
  input: ChannelInput,
  confirmed: (address: string) => boolean = () => true,
): Promise<ChannelView> {
  if (typeof input.kind !== 'string' || !INTEGRATIONS.has(input.kind)) {
    throw new AppError('bad_request', `json validation error: kind must be one of ${[...INTEGRATIONS.keys()].sort().join(', ')}`);
  }
  const integration = INTEGRATIONS.get(input.kind)!;
  const name = input.name === undefined ? '' : readName(input.name);
  if (input.config === undefined) throw new AppError('bad_request', 'json validation error: config is required');
  const value = await storedValue(deps, caller.projectId, integration, input.config);
  // Like Healthchecks' "add integration" pages, a new channel serves every existing check.
  const checkIds = await readChecks(deps, caller.projectId, input.checks ?? '*');
  const code = newUuid();
  await insertChannel(
    deps.store.db,
    {
      code,
      projectId: caller.projectId,
      name,
      kind: input.kind,
      value,
      emailVerified: input.kind !== 'email' || confirmed(emailAddressOf(integration, value)),
      createdAt: deps.clock.now(),
    },
    checkIds,
  );
  return view(deps, await ownChannel(deps, caller, code), false);
}

export async function getChannel(deps: ChannelDeps, caller: ApiCaller, code: string): Promise<ChannelView> {
  return view(deps, await ownChannel(deps, caller, code), caller.readOnly);
}

export async function patchChannel(
  deps: ChannelDeps,
  caller: ApiCaller,
  code: string,
  input: ChannelInput,
): Promise<ChannelView> {
  const channel = await ownChannel(deps, caller, code);
  if (input.kind !== undefined && input.kind !== channel.kind) {
    throw new AppError('bad_request', 'json validation error: kind cannot be changed');
  }
  const integration = findIntegration(channel.kind);
  if (input.config !== undefined && !integration) throw new AppError('bad_request', `unsupported kind: ${channel.kind}`);
  const change = {
    ...(input.name !== undefined ? { name: readName(input.name) } : {}),
    ...(input.config !== undefined ? { value: await storedValue(deps, caller.projectId, integration!, input.config) } : {}),
    ...(input.checks !== undefined ? { checkIds: await readChecks(deps, caller.projectId, input.checks) } : {}),
  };
  await updateChannel(deps.store.db, channel.id, change);
  return view(deps, await ownChannel(deps, caller, code), false);
}

export async function removeChannel(deps: ChannelDeps, caller: ApiCaller, code: string): Promise<ChannelView> {
  const channel = await ownChannel(deps, caller, code);
  const shown = await view(deps, channel, false);
  await deleteChannel(deps.store.db, channel.id);
  return shown;
}

/** The address of an email integration's stored value. */
export function emailAddressOf(integration: Integration, value: string): string {
  return (integration.fromStored(value) as { value: string }).value;
}
