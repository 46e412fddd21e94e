import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeContext, makeIo } from '../../test/support/notification-fixtures.js';
import { renderShellCommand, shellIntegration as shell } from './shell.js';

const CODE = '0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchpost-shell-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const enabledIo = () => makeIo({ SHELL_ENABLED: 'True' });

describe('shell delivery', () => {
  test('runs the down command through /bin/sh with each value as one quoted argument', async () => {
    const out = join(dir, 'down.txt');
    const io = enabledIo();
    const ctx = makeContext({ check: { name: "Nightly 'db'; touch pwned", tags: 'prod $(id) db' } });
    const cmd = `printf '%s\\n' $CODE $STATUS $NOW $NAME $TAGS $TAG1 $TAG2 $TAG3 "$HOME-is-not-a-placeholder" > ${out}`;
    assert.deepEqual(await shell.notify(ctx, { cmd_down: cmd, cmd_up: '' }, io), { ok: true });
    await io.close();

    const lines = (await readFile(out, 'utf8')).split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      CODE,
      'down',
      '2026-01-05T09:59:00+00:00',
      "Nightly 'db'; touch pwned",
      'prod $(id) db',
      'prod',
      '$(id)',
      'db',
    ]);
    // Not a placeholder: left to the shell, which expands it.
    assert.match(lines[8]!, /-is-not-a-placeholder$/);
    assert.notEqual(lines[8], '$HOME-is-not-a-placeholder');
  });

  test('runs the up command on an up flip', async () => {
    const out = join(dir, 'up.txt');
    const io = enabledIo();
    const ctx = makeContext({ status: 'up', flip: { at: Date.UTC(2026, 0, 5, 9, 0, 0), oldStatus: 'down', reason: '' } });
    const result = await shell.notify(ctx, { cmd_down: 'exit 1', cmd_up: `echo $STATUS $NOW $NAME > ${out}` }, io);
    assert.deepEqual(result, { ok: true });
    await io.close();
    assert.equal(await readFile(out, 'utf8'), 'up 2026-01-05T09:00:00+00:00 Backup\n');
  });

  test('reports a non-zero exit code', async () => {
    const io = enabledIo();
    const result = await shell.notify(makeContext(), { cmd_down: 'exit 3', cmd_up: '' }, io);
    assert.deepEqual(result, { ok: false, error: 'Command returned exit code 3', permanent: false });
    await io.close();
  });

  test('runs nothing when SHELL_ENABLED is off (the default)', async () => {
    const out = join(dir, 'disabled.txt');
    const io = makeIo();
    const result = await shell.notify(makeContext(), { cmd_down: `touch ${out}`, cmd_up: '' }, io);
    assert.deepEqual(result, { ok: false, error: 'Shell commands are not enabled', permanent: false });
    await io.close();
    await assert.rejects(readFile(out), { code: 'ENOENT' });
  });

  test('is a no-op for a status with an empty command', () => {
    assert.equal(shell.isNoop({ cmd_down: 'true', cmd_up: '' }, 'down'), false);
    assert.equal(shell.isNoop({ cmd_down: 'true', cmd_up: '' }, 'up'), true);
    assert.equal(shell.isNoop({ cmd_down: '', cmd_up: 'true' }, 'down'), true);
    assert.equal(shell.isNoop({ cmd_down: '', cmd_up: 'true' }, 'up'), false);
  });
});

test('renderShellCommand leaves safe words bare and $TAG10 reads as $TAG1 followed by 0', () => {
  const ctx = makeContext({ check: { name: 'backup', tags: 'a b c d e f g h i j' } });
  assert.equal(renderShellCommand('run $NAME $TAG10 $TAGS', ctx), "run backup a0 'a b c d e f g h i j'");
});

describe('shell stored value and config schema', () => {
  test('round-trips the stored JSON', () => {
    const cfg = { cmd_down: 'logger down $NAME', cmd_up: '' };
    assert.deepEqual(JSON.parse(shell.toStored(cfg)), cfg);
    assert.deepEqual(shell.fromStored(shell.toStored(cfg)), cfg);
    assert.deepEqual(shell.fromStored('{"cmd_down": "x"}'), { cmd_down: 'x', cmd_up: '' });
    assert.throws(() => shell.fromStored('not json'));
  });

  test('fills defaults and refuses bad input naming the field', () => {
    assert.deepEqual(shell.configSchema.parse({ cmd_up: 'logger up' }), { cmd_down: '', cmd_up: 'logger up' });
    const message = (input: unknown) => shell.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(message({ cmd_down: 'x'.repeat(1001) }), 'cmd_down is too long (at most 1000 characters)');
    assert.equal(message({ cmd_up: 5 }), 'cmd_up must be a string');
    assert.equal(message({ cmd: 'x' }), 'unknown field: cmd');
    assert.equal(message('logger'), 'config must be a JSON object');
  });
});
