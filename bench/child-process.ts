import { spawn, type ChildProcess } from 'node:child_process';

const STOP_GRACE_MS = 5_000;
const KILL_WAIT_MS = 2_000;

/** Every child still running, so an interrupted bench can take them down with it. */
const running = new Set<ChildProcess>();

export function killRunningChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface Child {
  readonly process: ChildProcess;
  stdout(): string;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Resolves once the process has exited (immediately if it already has). */
  exited(timeoutMs: number): Promise<boolean>;
  /** SIGTERM, then SIGKILL if it is still there after a few seconds. */
  stop(): Promise<void>;
}

/**
 * Spawns `command`, collecting stdout and stderr; `onLine` sees stdout line by line, for
 * consumers that read a server's JSON log as it is written.
 */
export function spawnChild(command: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Child {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  let stdout = '';
  let partial = '';
  let gone = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // A failed spawn (ENOENT) emits 'error' and never 'exit'.
    child.once('error', (error) => {
      output += `spawn failed: ${error.message}\n`;
      if (child.pid === undefined) resolve();
    });
  });
  void exit.then(() => {
    gone = true;
    running.delete(child);
  });
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    stdout += text;
    if (!onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exited = async (timeoutMs: number): Promise<boolean> => {
    if (gone || child.exitCode !== null || child.signalCode !== null) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = await Promise.race([exit.then(() => true), timeout]);
    clearTimeout(timer);
    return done;
  };

  return {
    process: child,
    stdout: () => stdout,
    output: () => output,
    exited,
    async stop() {
      if (await exited(0)) return;
      child.kill('SIGTERM');
      if (await exited(STOP_GRACE_MS)) return;
      child.kill('SIGKILL');
      await exited(KILL_WAIT_MS);
    },
  };
}

/** Runs a command to completion (killed after `timeoutMs`) and returns its stdout. */
export async function runToCompletion(command: string, args: string[], timeoutMs: number): Promise<string> {
  const child = spawnChild(command, args, process.env);
  try {
    if (!(await child.exited(timeoutMs))) throw new Error(`${command} did not finish within ${timeoutMs} ms`);
    const code = child.process.exitCode;
    if (code !== 0) throw new Error(`${command} exited with ${code ?? child.process.signalCode}:\n${child.output()}`);
    return child.stdout();
  } finally {
    await child.stop();
  }
}
