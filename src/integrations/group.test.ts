import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, makeIo } from '../../test/support/notification-fixtures.js';
import { failed, type DeliveryResult } from './integration.js';
import { groupIntegration as group } from './group.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const D = '44444444-4444-4444-8444-444444444444';

/** An io whose members answer from `outcomes` (a missing code is a deleted channel). */
function members(outcomes: Record<string, DeliveryResult | 'no-op'>) {
  const calls: string[] = [];
  const io = makeIo(
    {},
    {
      notifyMember: (code) => {
        calls.push(code);
        return Promise.resolve(outcomes[code] ?? null);
      },
    },
  );
  return { io, calls };
}

describe('group delivery', () => {
  test('notifies each member in order and succeeds when all of them do', async () => {
    const { io, calls } = members({ [A]: { ok: true }, [B]: { ok: true } });
    assert.deepEqual(await group.notify(makeContext(), `${A},${B}`, io), { ok: true });
    assert.deepEqual(calls, [A, B]);
    await io.close();
  });

  test('counts failed members out of the members that still exist', async () => {
    const { io, calls } = members({ [A]: failed('Received status code 500'), [B]: { ok: true }, [C]: failed('x', true) });
    assert.deepEqual(await group.notify(makeContext(), `${A},${B},${C},${D}`, io), {
      ok: false,
      error: '2 out of 3 notifications failed',
      permanent: false,
    });
    assert.deepEqual(calls, [A, B, C, D]);
    await io.close();
  });

  test('a member with nothing to send is not a failure but is counted, as in Healthchecks', async () => {
    const { io } = members({ [A]: 'no-op', [B]: failed('Rate limit exceeded') });
    assert.deepEqual(await group.notify(makeContext(), `${A},${B}`, io), {
      ok: false,
      error: '1 out of 2 notifications failed',
      permanent: false,
    });
    await io.close();
  });

  test('succeeds when members are only no-ops or gone', async () => {
    const { io } = members({ [A]: 'no-op' });
    assert.deepEqual(await group.notify(makeContext(), `${A},${B}`, io), { ok: true });
    await io.close();
  });

  test('notifies a member listed twice only once', async () => {
    const { io, calls } = members({ [A]: { ok: true } });
    await group.notify(makeContext(), `${A},${A.toUpperCase()}`, io);
    assert.deepEqual(calls, [A]);
    await io.close();
  });

  test('is never a no-op', () => {
    assert.equal(group.isNoop(A, 'down'), false);
    assert.equal(group.isNoop(A, 'up'), false);
  });
});

describe('group stored value and config schema', () => {
  test('stores the comma-separated codes', () => {
    assert.equal(group.fromStored(`${A},${B}`), `${A},${B}`);
    assert.equal(group.toStored(`${A},${B}`), `${A},${B}`);
  });

  test('accepts a comma-separated string or a list and stores the string', () => {
    assert.equal(group.configSchema.parse(`${A}, ${B.toUpperCase()}`), `${A},${B}`);
    assert.equal(group.configSchema.parse([A, B]), `${A},${B}`);
  });

  test('refuses bad input naming the problem', () => {
    const message = (input: unknown) => group.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(message(''), 'config must list at least one channel UUID');
    assert.equal(message([]), 'config must list at least one channel UUID');
    assert.equal(message(`${A},nope`), 'config has an invalid channel UUID: nope');
    assert.equal(message([A, 5]), 'config must list channel UUIDs as strings');
    assert.equal(message({ channels: [A] }), 'config must be a comma-separated string or a list of channel UUIDs');
  });
});
