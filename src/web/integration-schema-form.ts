import { formField } from './form-field.js';
import { z } from 'zod';
import type { Integration } from '../integrations/integration.js';
import { type FormBody } from './integration-form-body.js';
import { clearName, inputField, type InputSpec } from './integration-fields.js';
import type { ConfigForm, ConfigFormState } from './integration-config-form.js';
import { fieldLabel, fieldHint } from './integration-field-labels.js';
import { html } from './html.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  format?: string;
  maxLength?: number;
  default?: unknown;
};

/** One leaf of a kind's configuration, as one input. */
export interface SchemaField {
  /** Keys from the config's root; [] for a plain-string configuration. */
  path: string[];
  input: 'string' | 'email' | 'number' | 'integer' | 'boolean' | 'enum' | 'lines';
  options?: string[];
  required: boolean;
  maxLength?: number;
  defaultValue?: unknown;
}

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** The branch of a union to show: the one matching what is stored, else the first; `null` only makes it optional. */
function pickBranch(node: JsonSchema, sample: unknown): { node: JsonSchema; nullable: boolean } {
  if (node.anyOf) {
    const branches = node.anyOf.filter((b) => b.type !== 'null');
    const nullable = branches.length < node.anyOf.length;
    const matching = branches.find((b) => b.type === typeOf(sample) || (b.type === 'integer' && typeof sample === 'number'));
    const chosen = pickBranch(matching ?? branches[0] ?? {}, sample);
    return { node: { default: node.default, ...chosen.node }, nullable: nullable || chosen.nullable };
  }
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== 'null');
    return { node: { ...node, type: types[0] }, nullable: types.length < node.type.length };
  }
  return { node, nullable: false };
}

function leaf(node: JsonSchema, path: string[], required: boolean): SchemaField {
  const base = { path, required, maxLength: node.maxLength, defaultValue: node.default };
  if (node.enum) return { ...base, input: 'enum', options: node.enum.map(String) };
  switch (node.type) {
    case 'boolean':
      return { ...base, input: 'boolean' };
    case 'integer':
      return { ...base, input: 'integer' };
    case 'number':
      return { ...base, input: 'number' };
    case 'array':
      return { ...base, input: 'lines' };
    default:
      return { ...base, input: node.format === 'email' ? 'email' : 'string' };
  }
}

function walk(node: JsonSchema, path: string[], required: boolean, sample: unknown, out: SchemaField[]): void {
  const picked = pickBranch(node, sample);
  const properties = picked.node.type === 'object' ? picked.node.properties : undefined;
  if (!properties) {
    out.push(leaf(picked.node, path, required && !picked.nullable));
    return;
  }
  const requiredKeys = picked.node.required ?? [];
  for (const [key, child] of Object.entries(properties)) {
    const inner = typeof sample === 'object' && sample !== null ? (sample as Record<string, unknown>)[key] : undefined;
    walk(child, [...path, key], required && requiredKeys.includes(key), inner, out);
  }
}

/**
 * A kind's inputs, generated from the zod schema that validates its `config` (the same JSON
 * Schema the OpenAPI document publishes). `sample` (the stored config, when editing) picks the
 * branch of a union: Slack's plain URL or its OAuth object.
 */
export function schemaFields(integration: Integration, sample?: unknown): SchemaField[] {
  const schema = z.toJSONSchema(integration.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: SchemaField[] = [];
  walk(schema, [], true, sample, out);
  return out;
}

export const inputName = (path: string[]) => (path.length === 0 ? 'config' : `config.${path.join('.')}`);

export function valueAt(config: unknown, path: string[]): unknown {
  let node = config;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function setAt(config: Record<string, unknown>, path: string[], value: unknown): void {
  let node = config;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    const inner: Record<string, unknown> =
      typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    node[key] = inner;
    node = inner;
  }
  node[path[path.length - 1]!] = value;
}

function deleteAt(config: Record<string, unknown>, path: string[]): void {
  const parent = valueAt(config, path.slice(0, -1));
  if (typeof parent === 'object' && parent !== null) delete (parent as Record<string, unknown>)[path[path.length - 1]!];
}

/**
 * A plain-string configuration counts as secret when the kind declares any secret: Slack lists
 * only its OAuth token, yet its plain webhook URL is just as much a key to the channel.
 */
export function isSecret(integration: Integration, path: string[]): boolean {
  const secrets = integration.secretFields ?? [];
  return path.length === 0 ? secrets.length > 0 : secrets.includes(path[0]!);
}

/** A stored value as the input shows it. */
function shown(field: SchemaField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.input === 'boolean') return value === true ? 'on' : '';
  if (Array.isArray(value)) return value.map((v) => String(v)).join('\n');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One submitted input as the config value it stands for; undefined leaves the field out (its default applies). */
function parsed(field: SchemaField, raw: string): unknown {
  if (field.input === 'boolean') return raw === 'on';
  if (field.input === 'lines') {
    return raw
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }
  if (raw.trim() === '') return field.required && field.input !== 'number' && field.input !== 'integer' ? '' : undefined;
  if (field.input === 'number' || field.input === 'integer') {
    const n = Number(raw.trim());
    // not a number: passed on as text, so the schema names the field in its own words
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

function inputSpec(integration: Integration, field: SchemaField, state: ConfigFormState): InputSpec {
  const name = inputName(field.path);
  const editing = state.stored !== undefined;
  const secret = isSecret(integration, field.path);
  const storedValue = editing ? valueAt(state.stored, field.path) : undefined;
  const secretStored = editing && secret && storedValue !== undefined && storedValue !== null && storedValue !== '';
  let value: string;
  if (state.body) value = formField(state.body, name);
  else if (editing) value = secret ? '' : shown(field, storedValue);
  else value = shown(field, field.defaultValue);
  const type: InputSpec['type'] = {
    string: 'text',
    email: 'email',
    number: 'number',
    integer: 'number',
    boolean: 'checkbox',
    enum: 'select',
    lines: 'textarea',
  }[field.input] as InputSpec['type'];
  const hint = fieldHint(integration.kind, field.path);
  return {
    name,
    label: fieldLabel(integration.kind, field.path),
    type,
    value,
    ...(field.options ? { options: field.options } : {}),
    required: field.required && field.input !== 'boolean',
    ...(field.maxLength ? { maxLength: field.maxLength } : {}),
    ...(field.input === 'integer' ? { step: '1' } : field.input === 'number' ? { step: 'any' } : {}),
    ...(hint ? { hint } : {}),
    secretStored,
    clearable: !field.required,
  };
}

/** The form of any kind without a hand-written one. */
export function schemaForm(integration: Integration): ConfigForm {
  return {
    render(state) {
      const fields = schemaFields(integration, state.stored);
      return html`${fields.map((field) => inputField(inputSpec(integration, field, state), state.error))}`;
    },
    read(body: FormBody, stored: unknown) {
      const editing = stored !== undefined;
      const fields = schemaFields(integration, stored);
      let config: unknown = editing && typeof stored === 'object' && stored !== null ? structuredClone(stored) : {};
      for (const field of fields) {
        const name = inputName(field.path);
        const raw = formField(body, name);
        let value = parsed(field, raw);
        if (editing && isSecret(integration, field.path) && raw === '' && field.input !== 'boolean') {
          // an empty secret keeps what is stored, unless its "remove" box is ticked
          value = formField(body, clearName(name)) === 'on' ? undefined : valueAt(stored, field.path);
        }
        if (field.path.length === 0) config = value;
        else if (value === undefined) deleteAt(config as Record<string, unknown>, field.path);
        else setAt(config as Record<string, unknown>, field.path, value);
      }
      return config;
    },
  };
}
