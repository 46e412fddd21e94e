import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalTimezone, canonicalTimezones, isCanonicalTimezone } from './timezones.js';

const mapped: { name: string; canonical: string | null }[] = [
  // §2.11 and API #87
  { name: 'Europe/Kiev', canonical: 'Europe/Kyiv' },
  { name: 'UCT', canonical: 'Etc/UTC' },
  { name: 'CET', canonical: 'Europe/Brussels' },
  { name: 'US/Eastern', canonical: 'America/New_York' },
  { name: 'Asia/Calcutta', canonical: 'Asia/Kolkata' },
  { name: 'America/Buenos_Aires', canonical: 'America/Argentina/Buenos_Aires' },
  { name: 'Iceland', canonical: 'Atlantic/Reykjavik' },
  { name: 'Pacific/Truk', canonical: 'Pacific/Chuuk' },
  // canonical names are returned as they are
  { name: 'UTC', canonical: 'UTC' },
  { name: 'GMT', canonical: 'GMT' },
  { name: 'Etc/UTC', canonical: 'Etc/UTC' },
  { name: 'Europe/Riga', canonical: 'Europe/Riga' },
  { name: 'Europe/Amsterdam', canonical: 'Europe/Amsterdam' },
  { name: 'America/Montreal', canonical: 'America/Montreal' },
  { name: 'Etc/GMT-14', canonical: 'Etc/GMT-14' },
  // anything else is unknown
  { name: 'not-a-timezone', canonical: null },
  { name: 'europe/riga', canonical: null },
  { name: '', canonical: null },
  { name: 'Factory', canonical: null },
  { name: 'constructor', canonical: null },
];

for (const m of mapped) {
  test(`canonical time zone of ${JSON.stringify(m.name)} is ${JSON.stringify(m.canonical)}`, () => {
    assert.equal(canonicalTimezone(m.name), m.canonical);
    assert.equal(isCanonicalTimezone(m.name), m.canonical === m.name);
  });
}

test('the canonical list is sorted, has no duplicates and no legacy names', () => {
  assert.deepEqual([...canonicalTimezones].sort(), canonicalTimezones);
  assert.equal(new Set(canonicalTimezones).size, canonicalTimezones.length);
  for (const name of canonicalTimezones) assert.equal(canonicalTimezone(name), name);
  assert.ok(canonicalTimezones.length > 480);
});

test('every canonical name is a zone this runtime can evaluate', () => {
  for (const name of canonicalTimezones) {
    assert.doesNotThrow(() => new Intl.DateTimeFormat('en-US', { timeZone: name }), name);
  }
});
