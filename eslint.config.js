// Lint rules that carry STYLE.md: type-checked TypeScript, the import direction
// (domain ← store ← use-cases ← adapters), time only from the clock, env only in config.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const ADAPTERS = ['http', 'web', 'smtp', 'scheduler'];
const USE_CASES = ['ping', 'alerts', 'checks', 'accounts', 'probes', 'cloud'];
const DRIVERS = ['kysely', 'better-sqlite3', 'pg'];

/** Forbids importing the named top-level folders of src/ (from any depth) and the named packages. */
function forbid(folders, packages = [], why = '') {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(folders.length ? [{ regex: `^(\\.\\./)+(${folders.join('|')})(/|\\.js$)`, message: why }] : []),
          ...(packages.length
            ? [{ regex: `^(${packages.join('|')})$`, message: 'SQL and drivers live in src/store only.' }]
            : []),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-output/', 'public/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Fastify plugins and hooks are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read time from the injected Clock (src/lib/clock.ts).',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read time from the injected Clock (src/lib/clock.ts).',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Configuration is read once, in src/config.ts.' },
      ],
    },
  },
  { files: ['src/lib/clock.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['src/config.ts', 'src/cli.ts'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid(
      ['store', 'lib', ...USE_CASES, ...ADAPTERS, 'main', 'deps', 'config'],
      DRIVERS,
      'domain/ is pure: no I/O, no clock, no env.',
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: forbid([...USE_CASES, ...ADAPTERS, 'main'], [], 'store/ knows SQL, not use-cases or adapters.'),
  },
  {
    files: USE_CASES.map((f) => `src/${f}/**/*.ts`),
    rules: forbid([...ADAPTERS, 'main'], DRIVERS, 'Use-cases call store/ and never know their adapters.'),
  },
  { files: ADAPTERS.map((f) => `src/${f}/**/*.ts`), rules: forbid(['main'], DRIVERS, 'Adapters call use-cases, never SQL.') },
  {
    // Transports word and send one notification; the pipeline hands them everything else.
    files: ['src/integrations/**/*.ts'],
    rules: forbid(['store', ...USE_CASES, ...ADAPTERS, 'main', 'deps'], DRIVERS, 'integrations/ see only their context and io.'),
  },
  {
    files: ['src/outbound/**/*.ts'],
    rules: forbid(['store', 'integrations', ...USE_CASES, ...ADAPTERS, 'main', 'deps'], DRIVERS, 'outbound/ is transport only.'),
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: forbid(
      ['domain', 'store', ...USE_CASES, ...ADAPTERS, 'main', 'deps', 'config'],
      DRIVERS,
      'lib/ knows nothing about monitoring.',
    ),
  },
);
