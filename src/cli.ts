import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createProject } from './accounts/create-project.js';
import { createUser } from './accounts/create-user.js';
import { mintProjectToken } from './cloud/project-token.js';
import { AppError, isAppError } from './lib/app-error.js';
import { migrateDatabase, openDeps, startWatchpost } from './main.js';

const USAGE = `usage: watchpost <command>

  serve [--no-http] [--no-alerts] [--no-smtp]
                                      run the server (what \`npm start\` runs)
  migrate                             apply pending database migrations
  project create --name NAME [--owner EMAIL] [--json]
                                      create a project; prints its API keys and ping key once
  project token --id PROJECT_UUID     print the project's Calyptia-format token (Cloud API)
  user create --email EMAIL [--superuser] [--password-file FILE]
                                      create a user; the password is read from standard input

Configuration comes from environment variables (see README.md), e.g. DATABASE_URL, PORT.`;

const out = (text: string): void => void process.stdout.write(`${text}\n`);
const err = (text: string): void => void process.stderr.write(`${text}\n`);

function usageError(message: string): never {
  throw new AppError('bad_request', `${message}\n\n${USAGE}`);
}

async function readPassword(passwordFile: string | undefined): Promise<string> {
  if (passwordFile !== undefined) return readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  if (process.stdin.isTTY) err('Password (then Enter and Ctrl-D):');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { 'no-http': { type: 'boolean' }, 'no-alerts': { type: 'boolean' }, 'no-smtp': { type: 'boolean' } },
  });
  const running = await startWatchpost(process.env, {
    http: !values['no-http'],
    alerts: !values['no-alerts'],
    smtp: !values['no-smtp'],
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.deps.log.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.deps.log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function withDeps<T>(fn: (deps: Awaited<ReturnType<typeof openDeps>>) => Promise<T>): Promise<T> {
  const deps = await openDeps(process.env);
  try {
    return await fn(deps);
  } finally {
    await deps.store.close();
  }
}

async function projectCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, owner: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.name === undefined) usageError('project create: --name is required');
  const { project, admin } = await withDeps((deps) =>
    createProject(deps, { name: values.name!, ...(values.owner ? { ownerEmail: values.owner } : {}) }),
  );
  if (admin) err(`Created superuser ${admin.email} with password: ${admin.password}\n(shown once; it owns this project)`);
  if (values.json) return out(JSON.stringify(project));
  out(`Project "${project.name}" created (id ${project.id}). These keys are shown only once:`);
  out(`  API key (read-write): ${project.api_key}`);
  out(`  API key (read-only):  ${project.api_key_readonly}`);
  out(`  Ping key:             ${project.ping_key}`);
}

async function projectTokenCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
  if (values.id === undefined) usageError('project token: --id is required');
  out(await withDeps((deps) => mintProjectToken(deps, values.id!)));
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, superuser: { type: 'boolean' }, 'password-file': { type: 'string' } },
  });
  if (values.email === undefined) usageError('user create: --email is required');
  const password = await readPassword(values['password-file']);
  const user = await withDeps((deps) =>
    createUser(deps, { email: values.email!, password, isSuperuser: values.superuser ?? false }),
  );
  out(`User ${user.email} created${values.superuser ? ' (superuser)' : ''}.`);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'migrate') {
    const applied = await migrateDatabase(process.env);
    return out(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Nothing to migrate.');
  }
  if (command === 'project' && rest[0] === 'create') return projectCreate(rest.slice(1));
  if (command === 'project' && rest[0] === 'token') return projectTokenCommand(rest.slice(1));
  if (command === 'user' && rest[0] === 'create') return userCreate(rest.slice(1));
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return out(USAGE);
  usageError(`unknown command: ${argv.join(' ')}`);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (isAppError(error)) {
    err(`watchpost: ${error.message}`);
    process.exit(error.code === 'config' ? 78 : error.code === 'bad_request' ? 2 : 1);
  }
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    err(`watchpost: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  err(`watchpost: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
