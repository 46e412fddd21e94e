import type { CronExpression } from './cron-expression.js';
import { nextInSorted } from './next-in-sorted.js';
import {
  MINUTE_MS,
  type CivilDate,
  civilOf,
  daysInMonth,
  floorTo,
  hourOf,
  minuteOf,
  mod,
  wallOfDate,
  weekdayOf,
} from './wall-clock.js';
import type { Fold, ZoneRules } from './zone-rules.js';

/**
 * How the cursor moves through time (cronsim):
 * - `naive`: a zone without offsets (UTC); wall time is the instant.
 * - `wall-clock`: non-UTC zone, minute and hour both specific. Iterate on
 *   local wall time; a result inside a DST gap moves forward minute by minute;
 *   a repeated time means its first instant (Debian cron).
 * - `elapsed`: non-UTC zone with `*` in minute or hour. Every tick moves the
 *   instant, so `15 * * * *` fires every real hour across transitions.
 */
type Mode = 'naive' | 'wall-clock' | 'elapsed';

const MAX_YEARS_AHEAD = 50;

/**
 * A port of cronsim's CronSim iterator. The state is a local wall time
 * (`wall`, plus `fold` and, while known, the matching instant `inst` in
 * `elapsed` mode); `next()` returns epoch ms or null after 50 fruitless years.
 */
export class CronCursor {
  private wall: number;
  private fold: Fold = 0;
  private inst: number | null = null;
  private spanOffset = 0;
  private spanFrom = Infinity;
  private spanUntil = -Infinity;
  private readonly mode: Mode;

  constructor(
    private readonly cron: CronExpression,
    private readonly zone: ZoneRules,
    afterMs: number,
  ) {
    this.mode = zone.isUtc ? 'naive' : cron.wallClock ? 'wall-clock' : 'elapsed';
    // cronsim drops the seconds of the start time (on the local clock).
    this.wall = floorTo(zone.instantToWall(afterMs), MINUTE_MS);
    if (this.mode === 'elapsed') this.fold = zone.foldAt(afterMs);
  }

  next(): number | null {
    this.tick(1);
    const startYear = civilOf(this.wall).year;
    for (;;) {
      this.advanceMonth();
      if (civilOf(this.wall).year > startYear + MAX_YEARS_AHEAD) return null;
      if (this.advanceDay()) continue;
      if (this.advanceHour()) continue;
      if (this.advanceMinute()) continue;
      return this.result();
    }
  }

  /** Makes the next search start at local wall time `wall` (a whole minute). */
  resumeAt(wall: number): void {
    this.wall = floorTo(wall, MINUTE_MS) - MINUTE_MS;
    this.fold = 0;
    this.inst = null;
  }

  private result(): number {
    if (this.mode === 'naive') return this.wall;
    if (this.mode === 'elapsed') return this.inst ?? this.zone.wallToInstant(this.wall, this.fold);
    while (this.zone.isImaginary(this.wall)) this.wall += MINUTE_MS;
    return this.zone.wallToInstant(this.wall, 0);
  }

  private tick(minutes: number): void {
    if (this.mode !== 'elapsed') {
      this.wall += minutes * MINUTE_MS;
      return;
    }
    const inst = (this.inst ?? this.zone.wallToInstant(this.wall, this.fold)) + minutes * MINUTE_MS;
    if (inst < this.spanFrom || inst >= this.spanUntil) {
      const span = this.zone.spanAt(inst);
      this.spanOffset = span.offset;
      this.spanFrom = span.from;
      this.spanUntil = span.until;
    }
    this.inst = inst;
    this.wall = inst + this.spanOffset;
  }

  /** Whether ticking `minutes` ahead moves the wall clock by exactly that much. */
  private linearFor(minutes: number): boolean {
    if (this.mode !== 'elapsed') return true;
    if (this.inst === null) return false;
    const target = this.inst + minutes * MINUTE_MS;
    return this.inst >= this.spanFrom && target < this.spanUntil;
  }

  private setMidnight(date: CivilDate): void {
    this.wall = wallOfDate(date.year, date.month, date.day);
    this.fold = 0;
    this.inst = null;
  }

  private advanceMonth(): void {
    const date = civilOf(this.wall);
    if (this.cron.months[date.month] === 1) return;
    let { year, month } = date;
    do {
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    } while (this.cron.months[month] !== 1);
    this.setMidnight({ year, month, day: 1 });
  }

  private advanceDay(): boolean {
    const date = civilOf(this.wall);
    let weekday = weekdayOf(this.wall);
    if (this.matchDay(date, weekday)) return false;
    const last = daysInMonth(date.year, date.month);
    do {
      date.day += 1;
      weekday = (weekday + 1) % 7;
      if (date.day > last) {
        // A new month: let advanceMonth look at it first (cronsim does the same).
        this.setMidnight({ year: date.month === 12 ? date.year + 1 : date.year, month: (date.month % 12) + 1, day: 1 });
        return true;
      }
    } while (!this.matchDay(date, weekday));
    this.setMidnight(date);
    return true;
  }

  private advanceHour(): boolean {
    if (this.cron.hours[hourOf(this.wall)] === 1) return false;
    this.replaceMinuteWithZero();
    while (this.cron.hours[hourOf(this.wall)] !== 1) {
      const hour = hourOf(this.wall);
      const target = nextInSorted(this.cron.hourList, hour) ?? 24;
      this.tick(this.linearFor((target - hour) * 60) ? (target - hour) * 60 : 60);
      if (hourOf(this.wall) === 0) break;
    }
    return true;
  }

  private advanceMinute(): boolean {
    const minute = minuteOf(this.wall);
    if (this.cron.minutes[minute] === 1) return false;
    const list = this.cron.minuteList;
    if (list.length === 1) this.tick(mod((list[0] as number) - minute, 60));
    while (this.cron.minutes[minuteOf(this.wall)] !== 1) {
      const current = minuteOf(this.wall);
      const target = nextInSorted(list, current) ?? 60;
      this.tick(this.linearFor(target - current) ? target - current : 1);
      if (minuteOf(this.wall) === 0) break;
    }
    return true;
  }

  private replaceMinuteWithZero(): void {
    if (this.mode === 'elapsed' && this.inst !== null) this.fold = this.zone.foldAt(this.inst);
    this.inst = null;
    this.wall -= minuteOf(this.wall) * MINUTE_MS;
  }

  private matchDay(date: CivilDate, weekday: number): boolean {
    const dom = this.matchDom(date);
    const dow = this.matchDow(date, weekday);
    return this.cron.dayAnd ? dom && dow : dom || dow;
  }

  private matchDom({ year, month, day }: CivilDate): boolean {
    if (this.cron.days[day] === 1) return true;
    // No month is shorter than 28 days, so earlier days need no calendar look-up.
    if (this.cron.lastWeekday && day >= 26 && day === lastWeekdayOfMonth(year, month)) return true;
    return this.cron.lastDay && day >= 28 && day === daysInMonth(year, month);
  }

  private matchDow({ year, month, day }: CivilDate, weekday: number): boolean {
    if (this.cron.weekdays[weekday] === 1) return true;
    if (this.cron.lastWeekdayOf[weekday] === 1 && day + 7 > daysInMonth(year, month)) return true;
    return this.cron.nthWeekday[weekday * 6 + Math.floor((day + 6) / 7)] === 1;
  }
}

function lastWeekdayOfMonth(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const weekday = weekdayOf(wallOfDate(year, month, last));
  if (weekday === 0) return last - 2;
  if (weekday === 6) return last - 1;
  return last;
}
