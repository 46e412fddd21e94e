import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { downtimesByBoundary, monthlyUptime, periodBoundaries, secondsInMonth } from './downtime-stats.js';

const DAY = 86_400_000;
const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);
const iso = (ms: number, tz: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium' }).format(ms);

describe('period boundaries', () => {
  test('months start at local midnight of the 1st, newest first (Europe/Riga is +02:00 in winter)', () => {
    const bounds = periodBoundaries('monthly', 3, 'Europe/Riga', utc(2020, 1, 15));
    assert.deepEqual(bounds, [utc(2019, 12, 31, 22), utc(2019, 11, 30, 22), utc(2019, 10, 31, 22)]);
    assert.deepEqual(
      bounds.map((b) => iso(b, 'Europe/Riga')),
      ['2020-01-01 00:00:00', '2019-12-01 00:00:00', '2019-11-01 00:00:00'],
    );
  });

  test('weeks start on Monday in the user tz, not in UTC', () => {
    // Monday 2020-01-13 02:00 UTC is still Sunday evening in New York and already Monday in Tokyo.
    const now = utc(2020, 1, 13, 2);
    assert.deepEqual(
      periodBoundaries('weekly', 3, 'America/New_York', now).map((b) => iso(b, 'America/New_York')),
      ['2020-01-06 00:00:00', '2019-12-30 00:00:00', '2019-12-23 00:00:00'],
    );
    assert.deepEqual(
      periodBoundaries('weekly', 3, 'Asia/Tokyo', now).map((b) => iso(b, 'Asia/Tokyo')),
      ['2020-01-13 00:00:00', '2020-01-06 00:00:00', '2019-12-30 00:00:00'],
    );
  });

  test('days are local midnights, across a DST change', () => {
    const bounds = periodBoundaries('daily', 3, 'Europe/Riga', utc(2020, 3, 30, 12));
    assert.deepEqual(
      bounds.map((b) => iso(b, 'Europe/Riga')),
      ['2020-03-30 00:00:00', '2020-03-29 00:00:00', '2020-03-28 00:00:00'],
    );
    assert.equal(bounds[0]! - bounds[1]!, DAY - 3_600_000, 'the day of the spring change has 23 hours');
  });

  test('an unknown zone falls back to UTC instead of producing NaN', () => {
    assert.deepEqual(periodBoundaries('monthly', 1, 'Nowhere/Atlantis', utc(2020, 1, 15)), [utc(2020, 1, 1)]);
  });
});

describe('seconds in a month', () => {
  test('is DST-aware', () => {
    assert.equal(secondsInMonth(utc(2019, 1, 1), 'UTC'), 31 * 86_400);
    assert.equal(secondsInMonth(utc(2019, 2, 1), 'UTC'), 28 * 86_400);
    const october = periodBoundaries('monthly', 1, 'Europe/Riga', utc(2019, 10, 15))[0]!;
    assert.equal(secondsInMonth(october, 'Europe/Riga'), 31 * 86_400 + 3_600);
    const march = periodBoundaries('monthly', 1, 'Europe/Riga', utc(2019, 3, 15))[0]!;
    assert.equal(secondsInMonth(march, 'Europe/Riga'), 31 * 86_400 - 3_600);
  });
});

describe('downtimes by boundary (spec §2.13, §15 item 194)', () => {
  const now = utc(2020, 1, 15);
  const boundaries = periodBoundaries('monthly', 3, 'UTC', now);

  test('a check down since 2019-11-15 counts one downtime in each month, split at boundaries', () => {
    const [jan, dec, nov] = downtimesByBoundary({
      boundaries,
      flips: [{ createdAt: utc(2019, 11, 15), oldStatus: 'up' }],
      status: 'down',
      createdAt: utc(2019, 1, 1),
      now,
    });
    assert.deepEqual(
      [jan, dec, nov].map((r) => [r!.durationMs / DAY, r!.count, r!.noData]),
      [
        [14, 1, false],
        [31, 1, false],
        [16, 1, false],
      ],
    );
    assert.equal(monthlyUptime(jan!, 'UTC'), 17 / 31);
    assert.equal(monthlyUptime(dec!, 'UTC'), 0);
    assert.equal(monthlyUptime(nov!, 'UTC'), 14 / 30);
  });

  test('months before the check existed have no data', () => {
    const [jan, dec, nov] = downtimesByBoundary({
      boundaries,
      flips: [],
      status: 'up',
      createdAt: utc(2020, 1, 1, 1),
      now,
    });
    assert.deepEqual(
      [jan, dec, nov].map((r) => [r!.count, r!.noData]),
      [
        [0, false],
        [0, true],
        [0, true],
      ],
    );
  });

  test('each down span counts once, up spans not at all (item 176)', () => {
    const records = downtimesByBoundary({
      boundaries,
      flips: [
        { createdAt: utc(2020, 1, 10, 12), oldStatus: 'down' }, // down → up after 2 h
        { createdAt: utc(2020, 1, 10, 10), oldStatus: 'up' }, // up → down
        { createdAt: utc(2020, 1, 3, 0) + 600_000, oldStatus: 'down' }, // down → up after 10 min
        { createdAt: utc(2020, 1, 3, 0), oldStatus: 'up' }, // up → down
        { createdAt: utc(2019, 12, 5), oldStatus: 'new' }, // new → up: no downtime
      ],
      status: 'up',
      createdAt: utc(2019, 1, 1),
      now,
    });
    assert.deepEqual(
      records.map((r) => [r.durationMs, r.count]),
      [
        [2 * 3_600_000 + 600_000, 2],
        [0, 0],
        [0, 0],
      ],
    );
  });

  test('flips older than the oldest boundary are ignored, and the status before them is unknown', () => {
    const records = downtimesByBoundary({
      boundaries,
      flips: [{ createdAt: utc(2019, 10, 1), oldStatus: 'down' }],
      status: 'up',
      createdAt: utc(2019, 1, 1),
      now,
    });
    assert.deepEqual(
      records.map((r) => r.count),
      [0, 0, 0],
    );
  });
});
