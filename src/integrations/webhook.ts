import { z } from 'zod';
import { isoSeconds } from '../lib/iso-time.js';
import { defineIntegration, delivered, failed } from './integration.js';
import { pingBodyText, tagList } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { latin1CharRefs, percentEncode, pythonJson, replacePlaceholders, tagPlaceholders } from './placeholders.js';
import { strictObjectError } from './twilio-phone-config.js';

export type WebhookMethod = 'GET' | 'POST' | 'PUT';

/** The stored JSON of spec §9.5 (keys as Healthchecks stores them). */
export interface WebhookConfig {
  name?: string;
  method_down: WebhookMethod;
  url_down: string;
  body_down: string;
  headers_down: Record<string, string>;
  method_up: WebhookMethod;
  url_up: string;
  body_up: string;
  headers_up: Record<string, string>;
}

interface WebhookSpec {
  method: WebhookMethod;
  url: string;
  body: string;
  headers: Record<string, string>;
}

export function webhookSpec(config: WebhookConfig, status: 'up' | 'down'): WebhookSpec {
  return status === 'down'
    ? { method: config.method_down, url: config.url_down, body: config.body_down, headers: config.headers_down }
    : { method: config.method_up, url: config.url_up, body: config.body_up, headers: config.headers_up };
}

const METHODS: readonly string[] = ['GET', 'POST', 'PUT'];
const asMethod = (v: unknown): WebhookMethod => (typeof v === 'string' && METHODS.includes(v) ? (v as WebhookMethod) : 'GET');
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');
const asHeaders = (v: unknown): Record<string, string> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/** Both legacy forms send the same request for up and down: POST with the body when there is one. */
function legacySpec(urlDown: string, urlUp: string, postData: string, headers: Record<string, string>): WebhookConfig {
  const method: WebhookMethod = postData ? 'POST' : 'GET';
  return {
    method_down: method,
    url_down: urlDown,
    body_down: postData,
    headers_down: headers,
    method_up: method,
    url_up: urlUp,
    body_up: postData,
    headers_up: { ...headers },
  };
}

/**
 * Reads a stored webhook value in any of the forms Healthchecks wrote over the years: plain text
 * lines `url_down\nurl_up\npost_data`, JSON with `post_data`/`headers`, and the current JSON.
 */
export function webhookFromStored(stored: string): WebhookConfig {
  if (!stored.startsWith('{')) {
    const [urlDown = '', urlUp = '', postData = ''] = stored.split('\n');
    return legacySpec(urlDown, urlUp, postData, {});
  }
  const doc = JSON.parse(stored) as Record<string, unknown>;
  if ('post_data' in doc) {
    return legacySpec(asString(doc.url_down), asString(doc.url_up), asString(doc.post_data), asHeaders(doc.headers));
  }
  const config: WebhookConfig = {
    method_down: asMethod(doc.method_down),
    url_down: asString(doc.url_down),
    body_down: asString(doc.body_down),
    headers_down: asHeaders(doc.headers_down),
    method_up: asMethod(doc.method_up),
    url_up: asString(doc.url_up),
    body_up: asString(doc.body_up),
    headers_up: asHeaders(doc.headers_up),
  };
  if (typeof doc.name === 'string') config.name = doc.name;
  return config;
}

/** http(s) with a host; hosts without a TLD (`http://backup-box:8080/`) are fine. */
function isWebhookUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const isLatin1 = (s: string) => [...s].every((ch) => ch.codePointAt(0)! <= 0xff);

/** RFC 9110 token characters: any other header name can never be sent. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function headerProblem(field: string, name: string, value: string): string | null {
  if (!isLatin1(name)) return `${field}: header names must not contain special characters`;
  if (!HEADER_NAME.test(name)) return `${field} has an invalid header name "${name}"`;
  if (name.length > 1000 || value.length > 1000) return `${field}: header "${name}" is too long (at most 1000 characters)`;
  if (/[\r\n\0]/.test(value)) return `${field}: header "${name}" must not contain line breaks`;
  return null;
}

function methodField(field: string) {
  return z.enum(['GET', 'POST', 'PUT'], { error: `${field} must be GET, POST or PUT` }).default('GET');
}

function urlField(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .max(1000, { error: `${field} is too long (at most 1000 characters)` })
    .refine((v) => v === '' || isWebhookUrl(v), { error: `${field} is not a valid URL` })
    .default('');
}

function bodyField(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .max(1000, { error: `${field} is too long (at most 1000 characters)` })
    .default('');
}

function headersField(field: string) {
  return z
    .record(z.string(), z.string({ error: `${field} values must be strings` }), {
      error: `${field} must be an object of header names to values`,
    })
    .superRefine((headers, ctx) => {
      for (const [name, value] of Object.entries(headers)) {
        const problem = headerProblem(field, name, value);
        if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
      }
    })
    .default({});
}

const configSchema: z.ZodType<WebhookConfig> = z
  .strictObject(
    {
      name: z
        .string({ error: 'name must be a string' })
        .max(100, { error: 'name is too long (at most 100 characters)' })
        .optional(),
      method_down: methodField('method_down'),
      url_down: urlField('url_down'),
      body_down: bodyField('body_down'),
      headers_down: headersField('headers_down'),
      method_up: methodField('method_up'),
      url_up: urlField('url_up'),
      body_up: bodyField('body_up'),
      headers_up: headersField('headers_up'),
    },
    { error: strictObjectError },
  )
  .superRefine((config, ctx) => {
    // Healthchecks' form answers "Enter a valid URL." on url_down when neither URL is given.
    if (!config.url_down && !config.url_up) {
      ctx.addIssue({
        code: 'custom',
        path: ['url_down'],
        message: 'url_down is not a valid URL (url_down or url_up is required)',
      });
    }
  });

interface RenderOptions {
  /** URLs: values percent-encoded ($CODE, $STATUS and $SLUG are URL-safe as they are). */
  urlencode?: boolean;
  /** Request bodies may also use the last ping's body. */
  allowPingBody?: boolean;
}

/** spec §9.5: fills the placeholders of one template. */
export function renderWebhookTemplate(template: string, ctx: NotificationContext, options: RenderOptions = {}): string {
  const safe = (s: string) => (options.urlencode ? percentEncode(s) : s);
  const check = ctx.check;
  const values = new Map<string, string>([
    ['$CODE', check.code],
    ['$STATUS', ctx.status],
    ['$NOW', safe(isoSeconds(ctx.flip.at)!)],
    ['$NAME_JSON', safe(pythonJson(check.name))],
    ['$NAME', safe(check.name)],
    ['$SLUG', check.slug],
    ['$TAGS', safe(check.tags)],
    ['$JSON', safe(pythonJson(check.json))],
  ]);
  if (options.allowPingBody) {
    const body = pingBodyText(ctx.lastPing, null) ?? '';
    values.set('$BODY_JSON', pythonJson(body));
    values.set('$BODY', body);
  }
  values.set('$EXITSTATUS', String(ctx.lastPing?.exitStatus ?? -1));
  for (const [name, value] of tagPlaceholders(tagList(check), safe)) values.set(name, value);
  return replacePlaceholders(template, values);
}

export const webhookIntegration = defineIntegration<WebhookConfig>({
  kind: 'webhook',
  label: 'Webhook',
  configSchema,
  fromStored: webhookFromStored,
  toStored: (config) => JSON.stringify(config),
  secretFields: ['url_down', 'url_up', 'body_down', 'body_up', 'headers_down', 'headers_up'],
  isNoop: (config, status) => !webhookSpec(config, status).url,
  async notify(ctx, config, io) {
    if (!io.settings.webhooksEnabled) return failed('Webhook notifications are not enabled.');
    const spec = webhookSpec(config, ctx.status);
    if (!spec.url) return failed('Empty webhook URL');

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(spec.headers)) {
      headers[name] = latin1CharRefs(renderWebhookTemplate(value, ctx));
    }
    const sendsBody = spec.body !== '' && (spec.method === 'POST' || spec.method === 'PUT');
    const result = await io.http.send({
      method: spec.method,
      url: renderWebhookTemplate(spec.url, ctx, { urlencode: true }),
      headers,
      ...(sendsBody ? { body: renderWebhookTemplate(spec.body, ctx, { allowPingBody: true }) } : {}),
      // A test notification (spec §9.7) reports the first failure right away.
      attempts: ctx.test ? 1 : 3,
    });
    return result.ok ? delivered : failed(result.error, result.permanent);
  },
});
