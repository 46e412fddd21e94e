import type { CoreInstanceInput } from '../../cloud/core-instances.js';
import type { PipelineInput } from '../../cloud/pipelines.js';
import type { CoreInstanceChanges } from '../../store/cloud-core-instances.js';
import type { PipelineChanges } from '../../store/cloud-pipelines.js';
import { bad, given, isHost, isStringList, objectBody, type Body } from './cloud-input.js';
import { PORT_KINDS } from './cloud-port-input.js';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const PIPELINE_KINDS = new Set(['deployment', 'daemonSet', 'statefulSet']);

function check(body: Body, key: string, ok: (v: unknown) => boolean, message: string): void {
  if (given(body, key) && !ok(body[key])) throw bad(message);
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= 255;
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function validateCoreInstance(body: Body): void {
  check(body, 'name', isHost, 'invalid aggregator name');
  check(body, 'version', isString, 'invalid aggregator version');
  check(body, 'tags', isStringList, 'invalid tags');
  check(body, 'environmentName', isString, 'invalid environment name');
  check(body, 'metadata', isObject, 'invalid metadata');
  check(body, 'skipServiceCreation', (v) => typeof v === 'boolean', 'invalid skipServiceCreation');
  check(body, 'image', isString, 'invalid image');
}

export function coreInstanceCreateInput(raw: unknown): CoreInstanceInput {
  const body = objectBody(raw);
  validateCoreInstance(body);
  if (!given(body, 'name')) throw bad('invalid aggregator name');
  return {
    name: body.name as string,
    version: (body.version as string | undefined) ?? '',
    tags: given(body, 'tags') ? (body.tags as string[]) : null,
    environmentName: (body.environmentName as string | undefined) ?? 'default',
    metadata: given(body, 'metadata') ? (body.metadata as Record<string, unknown>) : {},
    skipServiceCreation: body.skipServiceCreation === true,
    image: given(body, 'image') ? (body.image as string) : null,
  };
}

export function coreInstanceUpdateInput(raw: unknown): CoreInstanceChanges {
  const body = objectBody(raw);
  validateCoreInstance(body);
  const c: CoreInstanceChanges = {};
  if (given(body, 'name')) c.name = body.name as string;
  if (given(body, 'version')) c.version = body.version as string;
  if (given(body, 'tags')) c.tags = JSON.stringify(body.tags);
  if (given(body, 'environmentName')) c.environment_name = body.environmentName as string;
  if (given(body, 'metadata')) c.metadata = JSON.stringify(body.metadata);
  if (given(body, 'skipServiceCreation')) c.skip_service_creation = body.skipServiceCreation ? 1 : 0;
  if (given(body, 'image')) c.image = body.image as string;
  return c;
}

function validatePipeline(body: Body): void {
  check(body, 'name', (v) => typeof v === 'string' && LABEL.test(v), 'invalid pipeline name');
  check(body, 'kind', (v) => typeof v === 'string' && PIPELINE_KINDS.has(v), 'invalid pipeline kind');
  check(body, 'portKind', (v) => typeof v === 'string' && PORT_KINDS.has(v), 'invalid pipeline port type');
  check(body, 'waitForChecksBeforeDeploying', (v) => typeof v === 'boolean', 'invalid waitForChecksBeforeDeploying');
  check(body, 'tags', isStringList, 'invalid tags');
}

export function pipelineCreateInput(raw: unknown): PipelineInput {
  const body = objectBody(raw);
  validatePipeline(body);
  if (!given(body, 'name')) throw bad('invalid pipeline name');
  return {
    name: body.name as string,
    kind: (body.kind as string | undefined) ?? 'deployment',
    portKind: (body.portKind as string | undefined) ?? 'LoadBalancer',
    waitForChecks: body.waitForChecksBeforeDeploying === true,
    tags: given(body, 'tags') ? (body.tags as string[]) : null,
  };
}

export function pipelineUpdateInput(raw: unknown): PipelineChanges {
  const body = objectBody(raw);
  validatePipeline(body);
  const c: PipelineChanges = {};
  if (given(body, 'name')) c.name = body.name as string;
  if (given(body, 'kind')) c.kind = body.kind as string;
  if (given(body, 'portKind')) c.port_kind = body.portKind as string;
  if (given(body, 'waitForChecksBeforeDeploying')) c.wait_for_checks = body.waitForChecksBeforeDeploying ? 1 : 0;
  if (given(body, 'tags')) c.tags = JSON.stringify(body.tags);
  return c;
}

/** The `name` filter of a pipeline list: one exact name, or none. */
export function pipelineNameQuery(query: unknown): string | null {
  const name = (query as Record<string, unknown> | undefined)?.name;
  if (name === undefined || name === '') return null;
  if (typeof name !== 'string') throw bad('invalid pipeline name');
  return name;
}
