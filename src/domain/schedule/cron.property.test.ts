import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { nextOccurrence } from './index.js';

// Cron expressions built together with the values they denote, so the check
// below does not depend on the parser under test.
type FieldSpec = { text: string; values: ReadonlySet<number> };
type DaySpec = { text: string; matches: (date: Date) => boolean };

const range = (from: number, to: number, step = 1): number[] => {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
};

/** Lists and ranges stay within [min, max]; `*` and steps run to the field's real maximum, `top`. */
function field(min: number, max: number, top = max): fc.Arbitrary<FieldSpec> {
  return fc.oneof(
    fc.constant({ text: '*', values: new Set(range(min, top)) }),
    fc
      .uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 })
      .map((list) => ({ text: list.join(','), values: new Set(list) })),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return { text: `${lo}-${hi}`, values: new Set(range(lo, hi)) };
    }),
    fc.integer({ min: 1, max: top - min + 1 }).map((step) => ({ text: `*/${step}`, values: new Set(range(min, top, step)) })),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 20 })).map(([start, step]) => ({
      text: `${start}/${step}`,
      values: new Set(range(start, top, step)),
    })),
  );
}

const daysIn = (d: Date): number => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();

function lastWeekday(d: Date): number {
  const last = daysIn(d);
  const weekday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), last)).getUTCDay();
  return weekday === 0 ? last - 2 : weekday === 6 ? last - 1 : last;
}

const dayOfMonth: fc.Arbitrary<DaySpec> = fc.oneof(
  // Days 29–31 in lists would make some month combinations a syntax error.
  field(1, 28, 31).map((f) => ({ text: f.text, matches: (d: Date) => f.values.has(d.getUTCDate()) })),
  fc.constant({ text: 'L', matches: (d: Date) => d.getUTCDate() === daysIn(d) }),
  fc.constant({ text: 'LW', matches: (d: Date) => d.getUTCDate() === lastWeekday(d) }),
);

const dayOfWeek: fc.Arbitrary<DaySpec> = fc.oneof(
  field(0, 7).map((f) => ({
    text: f.text,
    matches: (d: Date) => f.values.has(d.getUTCDay()) || (d.getUTCDay() === 0 && f.values.has(7)),
  })),
  fc.integer({ min: 0, max: 6 }).map((dow) => ({
    text: `${dow}L`,
    matches: (d: Date) => d.getUTCDay() === dow && d.getUTCDate() + 7 > daysIn(d),
  })),
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 5 })).map(([dow, nth]) => ({
    text: `${dow}#${nth}`,
    matches: (d: Date) => d.getUTCDay() === dow && Math.ceil(d.getUTCDate() / 7) === nth,
  })),
);

const cronSpec = fc.record({ minute: field(0, 59), hour: field(0, 23), dom: dayOfMonth, month: field(1, 12), dow: dayOfWeek });
type CronSpec = typeof cronSpec extends fc.Arbitrary<infer T> ? T : never;

function dayMatches(spec: CronSpec, date: Date): boolean {
  if (!spec.month.values.has(date.getUTCMonth() + 1)) return false;
  const dom = spec.dom.matches(date);
  const dow = spec.dow.matches(date);
  // Debian cron: a day field starting with `*` makes both conditions apply.
  return spec.dom.text.startsWith('*') || spec.dow.text.startsWith('*') ? dom && dow : dom || dow;
}

/** The first matching minute in (after, before), found day by day. */
function firstMatchBetween(spec: CronSpec, after: number, before: number): number | null {
  const DAY = 86_400_000;
  for (let day = Math.floor(after / DAY) * DAY; day < before; day += DAY) {
    if (!dayMatches(spec, new Date(day))) continue;
    for (const hour of [...spec.hour.values].sort((a, b) => a - b)) {
      for (const minute of [...spec.minute.values].sort((a, b) => a - b)) {
        const t = day + hour * 3_600_000 + minute * 60_000;
        if (t > after && t < before) return t;
      }
    }
  }
  return null;
}

test('in UTC, the next cron occurrence is after the start, matches, and nothing matches in between', () => {
  fc.assert(
    fc.property(cronSpec, fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (spec, after) => {
      const expr = [spec.minute.text, spec.hour.text, spec.dom.text, spec.month.text, spec.dow.text].join(' ');
      const next = nextOccurrence('cron', expr, 'UTC', after);
      // cronsim gives up after 50 years; nothing may match before then.
      const horizon = Date.UTC(new Date(after).getUTCFullYear() + 50, 0, 1);
      if (next === null) {
        assert.equal(firstMatchBetween(spec, after, horizon), null, expr);
        return;
      }
      assert.ok(next > after, expr);
      assert.equal(firstMatchBetween(spec, after, next + 1), next, expr);
    }),
    { numRuns: 300 },
  );
});

test('in any zone, the next cron occurrence is strictly after the start', () => {
  const zones = ['Europe/Riga', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'Asia/Kolkata', 'Pacific/Chatham'];
  // Starts cluster around the transitions of 2024 so the DST code paths run.
  const transitions = [
    Date.UTC(2024, 2, 10, 7),
    Date.UTC(2024, 2, 31, 1),
    Date.UTC(2024, 3, 6, 15),
    Date.UTC(2024, 9, 27, 1),
    Date.UTC(2024, 10, 3, 6),
  ];
  const start = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }))
    .map(([t, d]) => t + d);
  fc.assert(
    fc.property(cronSpec, fc.constantFrom(...zones), start, (spec, zone, after) => {
      const expr = [spec.minute.text, spec.hour.text, spec.dom.text, spec.month.text, spec.dow.text].join(' ');
      const next = nextOccurrence('cron', expr, zone, after);
      assert.ok(next === null || next > after, `${expr} in ${zone}`);
    }),
    { numRuns: 300 },
  );
});
