import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRecipient } from './recipient.js';

const DOMAIN = 'hc.example.com';
const KEY = 'abcdefghijklmnopqrstuv';

describe('parseRecipient', () => {
  test('a version-4 UUID mailbox targets the check by code, lowercased', () => {
    assert.deepEqual(parseRecipient(`763c0772-307f-42f6-bdf0-1bb2ff647a09@${DOMAIN}`, DOMAIN), {
      target: { code: '763c0772-307f-42f6-bdf0-1bb2ff647a09' },
    });
    assert.deepEqual(parseRecipient(`763C0772-307F-42F6-BDF0-1BB2FF647A09@${DOMAIN}`, DOMAIN), {
      target: { code: '763c0772-307f-42f6-bdf0-1bb2ff647a09' },
    });
  });

  test('a ping key and slug mailbox targets the check by slug', () => {
    assert.deepEqual(parseRecipient(`${KEY}+foo@${DOMAIN}`, DOMAIN), { target: { pingKey: KEY, slug: 'foo' } });
    assert.deepEqual(parseRecipient(`aB3-_aB3-_aB3-_aB3-_aB+db-backup_2@${DOMAIN}`, DOMAIN), {
      target: { pingKey: 'aB3-_aB3-_aB3-_aB3-_aB', slug: 'db-backup_2' },
    });
  });

  test('another domain is rejected, compared case-sensitively', () => {
    const rejected = { reject: '5.1.1 Recipient rejected' };
    assert.deepEqual(parseRecipient('763c0772-307f-42f6-bdf0-1bb2ff647a09@bad.domain', DOMAIN), rejected);
    assert.deepEqual(parseRecipient('763c0772-307f-42f6-bdf0-1bb2ff647a09@HC.example.com', DOMAIN), rejected);
    assert.deepEqual(parseRecipient('foo@example.com', DOMAIN), rejected);
    assert.deepEqual(parseRecipient(`a@b@${DOMAIN}`, DOMAIN), rejected);
    assert.deepEqual(parseRecipient('no-at-sign', DOMAIN), rejected);
  });

  test('a malformed mailbox on the ping domain is invalid', () => {
    const invalid = { reject: '5.1.1 Invalid mailbox' };
    for (const local of [
      'foo',
      'tooshort+foo',
      `${KEY}+x.y.z`,
      `${KEY}+Foo`,
      `${KEY}+`,
      `${KEY}x+foo`,
      // Not version-4 shaped: third group must start with 4, fourth with 8, 9, a or b.
      '763c0772-307f-12f6-bdf0-1bb2ff647a09',
      '763c0772-307f-42f6-cdf0-1bb2ff647a09',
      '763c0772307f42f6bdf01bb2ff647a09',
    ]) {
      assert.deepEqual(parseRecipient(`${local}@${DOMAIN}`, DOMAIN), invalid, local);
    }
  });
});
