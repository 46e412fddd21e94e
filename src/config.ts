import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from './lib/app-error.js';
import { envBool, envInt, optionalString } from './config-env.js';
import {
  INTEGRATION_SECRET_NAMES,
  integrationEnvSchema,
  toIntegrationSettings,
  type IntegrationSettings,
} from './config-integrations.js';

/**
 * Configuration comes only from the environment, under Healthchecks' names where one exists so
 * a self-hoster's settings carry over. `NAME_FILE` supplies a secret from a file (Docker/K8s).
 */
export type DatabaseConfig = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly siteRoot: string;
  readonly siteName: string;
  /** The label of the whole-project (`*`) badge; SITE_NAME unless set. */
  readonly masterBadgeLabel: string;
  readonly pingEndpoint: string;
  /** Bytes of a ping body kept; null = unlimited (`PING_BODY_LIMIT=None`). */
  readonly pingBodyLimitBytes: number | null;
  readonly pingEmailDomain: string;
  readonly smtpdPort: number | null;
  readonly email: {
    readonly host: string | null;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly useTls: boolean;
    readonly from: string;
  };
  readonly registrationOpen: boolean;
  /** null: generated on first start and kept in the database (see DESIGN.md). */
  readonly secretKey: string | null;
  readonly integrationsAllowPrivateIps: boolean;
  readonly checkLimit: number;
  readonly pingLogLimit: number;
  readonly logLevel: string;
  /** Per-project Prometheus endpoints (spec §11.1). */
  readonly prometheusEnabled: boolean;
  /** Enables `/api/vN/metrics/` for callers presenting it as X-Metrics-Key; null: disabled. */
  readonly metricsKey: string | null;
  /** Feature flags, credentials and provider base URLs of the integrations (spec §9). */
  readonly integrations: IntegrationSettings;
}

export type Env = Readonly<Record<string, string | undefined>>;

const SECRET_NAMES = [
  'SECRET_KEY',
  'DATABASE_URL',
  'DB_PASSWORD',
  'EMAIL_HOST_PASSWORD',
  'METRICS_KEY',
  ...INTEGRATION_SECRET_NAMES,
];

const envSchema = z
  .object({
    HOST: z.string().default('0.0.0.0'),
    PORT: envInt(8000, 0, 65535),
    DATABASE_URL: optionalString,
    DB: z.enum(['sqlite', 'postgres']).optional(),
    DB_NAME: optionalString,
    DB_HOST: optionalString,
    DB_PORT: envInt(5432, 1, 65535),
    DB_USER: optionalString,
    DB_PASSWORD: optionalString,
    DB_SSLMODE: optionalString,
    SITE_ROOT: z
      .string()
      .default('http://localhost:8000')
      .refine((v) => /^https?:\/\/[^/]+(\/.*)?$/.test(v), 'must be an absolute http(s) URL'),
    SITE_NAME: z.string().min(1).default('Watchpost'),
    MASTER_BADGE_LABEL: optionalString,
    PING_ENDPOINT: optionalString,
    PING_BODY_LIMIT: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return 10_000;
        if (value === 'None') return null;
        if (!/^\d+$/.test(value) || Number(value) < 1) {
          ctx.addIssue({ code: 'custom', message: `must be a positive integer or None, got "${value}"` });
          return z.NEVER;
        }
        return Number(value);
      }),
    PING_EMAIL_DOMAIN: z.string().default('localhost'),
    SMTPD_PORT: envInt(0, 0, 65535),
    EMAIL_HOST: optionalString,
    EMAIL_PORT: envInt(587, 1, 65535),
    EMAIL_HOST_USER: z.string().default(''),
    EMAIL_HOST_PASSWORD: z.string().default(''),
    EMAIL_USE_TLS: envBool(true),
    DEFAULT_FROM_EMAIL: z.string().default('watchpost@localhost'),
    REGISTRATION_OPEN: envBool(true),
    SECRET_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
    INTEGRATIONS_ALLOW_PRIVATE_IPS: envBool(false),
    CHECK_LIMIT: envInt(10_000, 1, 10_000_000),
    PING_LOG_LIMIT: envInt(1_000, 1, 1_000_000),
    PROMETHEUS_ENABLED: envBool(true),
    METRICS_KEY: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .extend(integrationEnvSchema.shape);

type ParsedEnv = z.infer<typeof envSchema>;

/** Reads `NAME_FILE` secrets; a missing file is a configuration problem like any other. */
function resolveSecretFiles(env: Env, problems: string[]): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...env };
  for (const name of SECRET_NAMES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return resolved;
}

const DATABASE_URL_FORMS = /^(sqlite:|postgres(ql)?:\/\/)/;

function databaseFrom(env: ParsedEnv): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url?.startsWith('sqlite:')) {
    return { dialect: 'sqlite', path: url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') || ':memory:' };
  }
  if (url) return { dialect: 'postgres', url };
  if (env.DB === 'postgres') {
    const user = encodeURIComponent(env.DB_USER ?? 'postgres');
    const password = env.DB_PASSWORD ? `:${encodeURIComponent(env.DB_PASSWORD)}` : '';
    const ssl = env.DB_SSLMODE ? `?sslmode=${encodeURIComponent(env.DB_SSLMODE)}` : '';
    const host = env.DB_HOST ?? 'localhost';
    return {
      dialect: 'postgres',
      url: `postgres://${user}${password}@${host}:${env.DB_PORT}/${encodeURIComponent(env.DB_NAME ?? 'hc')}${ssl}`,
    };
  }
  return { dialect: 'sqlite', path: env.DB_NAME ?? './data/watchpost.sqlite3' };
}

/** Parses the environment, reporting every problem at once in one AppError('config'). */
export function loadConfig(rawEnv: Env): Config {
  const problems: string[] = [];
  const env = resolveSecretFiles(rawEnv, problems);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (env.DATABASE_URL && !DATABASE_URL_FORMS.test(env.DATABASE_URL)) {
    problems.push('DATABASE_URL: must be sqlite:PATH or postgres://USER@HOST/DB');
  }
  if (!parsed.success || problems.length > 0) {
    throw new AppError('config', `invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
  }
  const e = parsed.data;
  const database = databaseFrom(e);
  const siteRoot = e.SITE_ROOT.replace(/\/+$/, '');
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    database,
    siteRoot,
    siteName: e.SITE_NAME,
    masterBadgeLabel: e.MASTER_BADGE_LABEL || e.SITE_NAME,
    pingEndpoint: e.PING_ENDPOINT ?? `${siteRoot}/ping/`,
    pingBodyLimitBytes: e.PING_BODY_LIMIT,
    pingEmailDomain: e.PING_EMAIL_DOMAIN,
    smtpdPort: e.SMTPD_PORT === 0 ? null : e.SMTPD_PORT,
    email: Object.freeze({
      host: e.EMAIL_HOST ?? null,
      port: e.EMAIL_PORT,
      user: e.EMAIL_HOST_USER,
      password: e.EMAIL_HOST_PASSWORD,
      useTls: e.EMAIL_USE_TLS,
      from: e.DEFAULT_FROM_EMAIL,
    }),
    registrationOpen: e.REGISTRATION_OPEN,
    secretKey: e.SECRET_KEY ?? null,
    integrationsAllowPrivateIps: e.INTEGRATIONS_ALLOW_PRIVATE_IPS,
    checkLimit: e.CHECK_LIMIT,
    pingLogLimit: e.PING_LOG_LIMIT,
    logLevel: e.LOG_LEVEL,
    prometheusEnabled: e.PROMETHEUS_ENABLED,
    metricsKey: e.METRICS_KEY || null,
    integrations: toIntegrationSettings(e),
  });
}
