import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { ZoneRules, zoneRulesFor } from './zone-rules.js';

const at = (iso: string): number => Date.parse(iso);
/** A local wall time, encoded as if it were UTC. */
const wall = (local: string): number => Date.parse(`${local}Z`);
const riga = zoneRulesFor('Europe/Riga') as ZoneRules;

// Riga: 2023-03-26 01:00Z clocks go 03:00 → 04:00; 2023-10-29 01:00Z clocks go 04:00 → 03:00.
const toInstant: { name: string; wall: string; fold: 0 | 1; instant: string }[] = [
  { name: 'an ordinary winter time', wall: '2023-01-15T12:00:00', fold: 0, instant: '2023-01-15T10:00:00Z' },
  {
    name: 'a gap time, fold 0, uses the offset before the gap',
    wall: '2023-03-26T03:30:00',
    fold: 0,
    instant: '2023-03-26T01:30:00Z',
  },
  {
    name: 'a gap time, fold 1, uses the offset after the gap',
    wall: '2023-03-26T03:30:00',
    fold: 1,
    instant: '2023-03-26T00:30:00Z',
  },
  { name: 'the end of the gap exists', wall: '2023-03-26T04:00:00', fold: 0, instant: '2023-03-26T01:00:00Z' },
  { name: 'a repeated time, fold 0, is the first pass', wall: '2023-10-29T03:30:00', fold: 0, instant: '2023-10-29T00:30:00Z' },
  { name: 'a repeated time, fold 1, is the second pass', wall: '2023-10-29T03:30:00', fold: 1, instant: '2023-10-29T01:30:00Z' },
];

for (const c of toInstant) {
  test(`wall time to instant in Europe/Riga: ${c.name}`, () => {
    assert.equal(riga.wallToInstant(wall(c.wall), c.fold), at(c.instant));
  });
}

test('gap times are imaginary, times around the gap are not', () => {
  assert.equal(riga.isImaginary(wall('2023-03-26T02:59:00')), false);
  assert.equal(riga.isImaginary(wall('2023-03-26T03:00:00')), true);
  assert.equal(riga.isImaginary(wall('2023-03-26T03:59:59')), true);
  assert.equal(riga.isImaginary(wall('2023-03-26T04:00:00')), false);
  assert.equal(riga.isImaginary(wall('2023-10-29T03:30:00')), false);
});

test('the second pass through a repeated hour has fold 1', () => {
  assert.equal(riga.foldAt(at('2023-10-29T00:30:00Z')), 0);
  assert.equal(riga.foldAt(at('2023-10-29T01:30:00Z')), 1);
  assert.equal(riga.foldAt(at('2023-10-29T02:30:00Z')), 0);
});

test('the end of a repeated stretch is known only during its second pass', () => {
  assert.equal(riga.repeatedWallEnd(at('2023-10-29T01:10:00Z')), wall('2023-10-29T04:00:00'));
  assert.equal(riga.repeatedWallEnd(at('2023-10-29T00:30:00Z')), null);
  assert.equal(riga.repeatedWallEnd(at('2023-10-29T02:10:00Z')), null);
  assert.equal(riga.repeatedWallEnd(at('2023-03-26T01:10:00Z')), null);
});

test('half-hour DST shifts are found to the second (Australia/Lord_Howe)', () => {
  const lordHowe = zoneRulesFor('Australia/Lord_Howe') as ZoneRules;
  // 2024-04-06T15:00Z: 02:00 +11:00 becomes 01:30 +10:30.
  assert.equal(lordHowe.offsetAt(at('2024-04-06T14:59:59Z')), 11 * 3_600_000);
  assert.equal(lordHowe.offsetAt(at('2024-04-06T15:00:00Z')), 10.5 * 3_600_000);
});

test('UTC and its names need no Intl look-ups', () => {
  for (const name of ['UTC', 'Etc/UTC', 'GMT', 'UCT', 'Zulu']) {
    const rules = zoneRulesFor(name) as ZoneRules;
    assert.equal(rules.isUtc, true);
    assert.equal(rules.offsetAt(at('2024-06-01T00:00:00Z')), 0);
  }
});

test('unknown zones have no rules', () => {
  assert.equal(zoneRulesFor('Europe/Atlantis'), null);
});

test('offsets agree with luxon for any instant in busy zones', () => {
  const zones = ['Europe/Riga', 'America/Santiago', 'Africa/Casablanca', 'Australia/Lord_Howe', 'Asia/Gaza', 'Pacific/Chatham'];
  fc.assert(
    fc.property(
      fc.constantFrom(...zones),
      fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2060, 0, 1) / 1000 }),
      (zone, seconds) => {
        const ms = seconds * 1000;
        assert.equal((zoneRulesFor(zone) as ZoneRules).offsetAt(ms), IANAZone.create(zone).offset(ms) * 60_000);
      },
    ),
    { numRuns: 300 },
  );
});
