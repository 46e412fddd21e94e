import { canonicalTimezone } from '../timezones.js';
import { BoundedCache } from './bounded-cache.js';
import { DAY_MS, SECOND_MS } from './wall-clock.js';

export type Fold = 0 | 1;

type Transition = { at: number; before: number; after: number };

/** Offsets of one UTC calendar year: `offset0` from its first instant, then `after[i]` from `at[i]`. */
type YearTable = {
  start: number;
  end: number;
  offset0: number;
  at: number[];
  after: number[];
  transitions: Transition[];
};

/**
 * UTC offsets of one IANA zone, with the wall-clock ↔ instant conversions of
 * Python's zoneinfo (PEP 495), which is what cronsim and oncalendar see:
 * a wall time in a gap maps through the offset before the gap (fold 0) or
 * after it (fold 1); a repeated wall time maps to its first (fold 0) or
 * second (fold 1) instant.
 *
 * Intl only answers "what is the offset at instant t" and costs microseconds
 * per call, so each UTC year is sampled once (daily, then bisected to the
 * second around every change) and later look-ups are array scans.
 */
export class ZoneRules {
  private readonly years = new Map<number, YearTable>();

  private constructor(
    readonly name: string,
    private readonly format: Intl.DateTimeFormat | null,
  ) {}

  static readonly utc = new ZoneRules('UTC', null);

  /** null when Intl does not know the zone. */
  static create(name: string): ZoneRules | null {
    if (UTC_ALIASES.has(name)) return ZoneRules.utc;
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      return new ZoneRules(name, format);
    } catch {
      return null;
    }
  }

  get isUtc(): boolean {
    return this.format === null;
  }

  /** Offset (ms, local − UTC) in force at instant `ms`. */
  offsetAt(ms: number): number {
    return this.spanAt(ms).offset;
  }

  /** The offset at `ms` and the instants [from, until) over which it is known to hold. */
  spanAt(ms: number): { offset: number; from: number; until: number } {
    if (this.format === null) return { offset: 0, from: -Infinity, until: Infinity };
    const table = this.tableFor(new Date(ms).getUTCFullYear());
    let i = table.at.length - 1;
    while (i >= 0 && (table.at[i] as number) > ms) i--;
    const from = i < 0 ? table.start : (table.at[i] as number);
    const until = i + 1 < table.at.length ? (table.at[i + 1] as number) : table.end;
    return { offset: i < 0 ? table.offset0 : (table.after[i] as number), from, until };
  }

  instantToWall(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  /** 1 when `ms` is the second of two instants that show the same wall time. */
  foldAt(ms: number): Fold {
    return this.wallToInstant(this.instantToWall(ms), 0) === ms ? 0 : 1;
  }

  wallToInstant(wall: number, fold: Fold): number {
    if (this.format === null) return wall;
    // Offsets stay within ±26 h, so only transitions within two days can matter.
    const from = wall - 2 * DAY_MS;
    let offset = this.offsetAt(from);
    for (const t of this.transitionsBetween(from, wall + 2 * DAY_MS)) {
      const threshold = t.at + (fold === 0 ? Math.max(t.before, t.after) : Math.min(t.before, t.after));
      if (threshold <= wall) offset = t.after;
    }
    return wall - offset;
  }

  /**
   * When `ms` falls in the second pass through a repeated (fall-back) stretch
   * of wall time, the wall time at which that stretch ends; otherwise null.
   */
  repeatedWallEnd(ms: number): number | null {
    const span = this.spanAt(ms);
    if (this.format === null || !Number.isFinite(span.from)) return null;
    const before = this.offsetAt(span.from - 1);
    if (before <= span.offset) return null;
    const end = span.from + before;
    return ms + span.offset < end ? end : null;
  }

  /** True for a wall time skipped by a forward transition (a DST gap). */
  isImaginary(wall: number): boolean {
    return this.format !== null && this.instantToWall(this.wallToInstant(wall, 0)) !== wall;
  }

  private transitionsBetween(from: number, to: number): Transition[] {
    const result: Transition[] = [];
    const lastYear = new Date(to).getUTCFullYear();
    for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
      for (const t of this.tableFor(year).transitions) if (t.at > from && t.at <= to) result.push(t);
    }
    return result;
  }

  private tableFor(year: number): YearTable {
    let table = this.years.get(year);
    if (table === undefined) {
      table = this.sampleYear(year);
      this.years.set(year, table);
    }
    return table;
  }

  private sampleYear(year: number): YearTable {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const offset0 = this.rawOffset(start);
    const at: number[] = [];
    const after: number[] = [];
    const transitions: Transition[] = [];
    const beforeStart = this.rawOffset(start - SECOND_MS);
    if (beforeStart !== offset0) transitions.push({ at: start, before: beforeStart, after: offset0 });

    let known = start;
    let current = offset0;
    for (let probe = Math.min(start + DAY_MS, end - SECOND_MS); ; probe = Math.min(probe + DAY_MS, end - SECOND_MS)) {
      while (this.rawOffset(probe) !== current) {
        let lo = known;
        let hi = probe;
        while (hi - lo > SECOND_MS) {
          const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
          if (this.rawOffset(mid) === current) lo = mid;
          else hi = mid;
        }
        const next = this.rawOffset(hi);
        transitions.push({ at: hi, before: current, after: next });
        at.push(hi);
        after.push(next);
        known = hi;
        current = next;
      }
      known = probe;
      if (probe === end - SECOND_MS) break;
    }
    return { start, end, offset0, at, after, transitions };
  }

  /** Offset at a whole-second instant, straight from Intl. */
  private rawOffset(ms: number): number {
    const text = (this.format as Intl.DateTimeFormat).format(ms);
    const m = FORMATTED.exec(text);
    if (m === null) throw new Error(`unexpected Intl output ${JSON.stringify(text)}`);
    const [month = 0, day = 0, year = 0, hour = 0, minute = 0, second = 0] = m.slice(1).map(Number);
    const local = Date.UTC(year, month - 1, day, hour % 24, minute, second);
    return local - ms;
  }
}

// en-US, h23: "1/31/2024, 23:05:09"
const FORMATTED = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

// Names that are UTC forever: answered without Intl.
const UTC_ALIASES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);

const rulesByName = new BoundedCache<string, ZoneRules | null>(2000);

/** Rules for a time zone name (canonical, legacy alias, or anything Intl accepts); null when unknown. */
export function zoneRulesFor(name: string): ZoneRules | null {
  const canonical = canonicalTimezone(name) ?? name;
  return rulesByName.remember(canonical, () => ZoneRules.create(canonical));
}
