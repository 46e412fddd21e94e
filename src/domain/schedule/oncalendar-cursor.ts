import { MAX_YEAR, MIN_YEAR, type OnCalendarExpression } from './oncalendar-expression.js';
import { nextInSorted } from './next-in-sorted.js';
import {
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  civilOf,
  daysInMonth,
  floorTo,
  hourOf,
  minuteOf,
  mod,
  secondOf,
  wallOfDate,
  weekdayOf,
} from './wall-clock.js';
import type { ZoneRules } from './zone-rules.js';

/**
 * A port of oncalendar's BaseIterator: walks the local wall clock field by
 * field, at one-second resolution, like systemd. Unlike cron, seconds of the start instant are kept
 * (only milliseconds are dropped) and the search starts one second later.
 * A match inside a DST gap does not exist and is skipped; a repeated wall
 * time means its first instant.
 */
export class OnCalendarCursor {
  private wall: number;
  private readonly anyDaysFromEnd: boolean;

  constructor(
    private readonly expr: OnCalendarExpression,
    private readonly zone: ZoneRules,
    afterMs: number,
  ) {
    this.wall = floorTo(zone.instantToWall(afterMs), SECOND_MS);
    this.anyDaysFromEnd = expr.daysFromEnd.includes(1);
  }

  next(): number | null {
    // `2-30` parses but never matches; answer at once instead of walking to 2200.
    if (!this.expr.someDateExists) return null;
    this.wall += SECOND_MS;
    for (;;) {
      this.advanceYear();
      if (civilOf(this.wall).year >= MAX_YEAR) return null;
      if (this.advanceMonth()) continue;
      if (this.advanceDay()) continue;
      if (this.advanceHour()) continue;
      if (this.advanceMinute()) continue;
      if (this.advanceSecond()) continue;
      if (this.zone.isImaginary(this.wall)) {
        this.wall += SECOND_MS;
        continue;
      }
      return this.zone.wallToInstant(this.wall, 0);
    }
  }

  /** Makes the next search start at local wall time `wall` (a whole second). */
  resumeAt(wall: number): void {
    this.wall = floorTo(wall, SECOND_MS) - SECOND_MS;
  }

  private hasYear(year: number): boolean {
    return this.expr.years[year - MIN_YEAR] === 1;
  }

  private advanceYear(): void {
    const date = civilOf(this.wall);
    if (this.hasYear(date.year)) return;
    if (date.year >= MAX_YEAR) {
      this.wall = wallOfDate(date.year, date.month, date.day);
      return;
    }
    let year = date.year + 1;
    while (!this.hasYear(year) && year < MAX_YEAR) year += 1;
    this.wall = wallOfDate(year, 1, 1);
  }

  private advanceMonth(): boolean {
    const date = civilOf(this.wall);
    if (this.expr.months[date.month] === 1) return false;
    let { year, month } = date;
    do {
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    } while (this.expr.months[month] !== 1);
    this.wall = wallOfDate(year, month, 1);
    return true;
  }

  private advanceDay(): boolean {
    const date = civilOf(this.wall);
    let weekday = weekdayOf(this.wall);
    const last = daysInMonth(date.year, date.month);
    if (this.matchDay(date.day, last, weekday)) return false;
    do {
      date.day += 1;
      weekday = (weekday + 1) % 7;
      if (date.day > last) {
        this.wall = wallOfDate(date.year, date.month + 1, 1);
        return true;
      }
    } while (!this.matchDay(date.day, last, weekday));
    this.wall = wallOfDate(date.year, date.month, date.day);
    return true;
  }

  /** `weekday` is 0 = Sunday; OnCalendar numbers Monday as 0. */
  private matchDay(day: number, last: number, weekday: number): boolean {
    if (this.expr.weekdays[(weekday + 6) % 7] !== 1) return false;
    if (this.expr.days[day] === 1) return true;
    return this.anyDaysFromEnd && this.expr.daysFromEnd[last - day + 1] === 1;
  }

  // The wall clock moves linearly here, so stepping to the next listed value
  // (or to the wrap-around at 0) lands where oncalendar's unit-by-unit loops stop.
  private advanceHour(): boolean {
    const hour = hourOf(this.wall);
    if (this.expr.hours[hour] === 1) return false;
    const target = nextInSorted(this.expr.hourList, hour) ?? 24;
    this.wall = floorTo(this.wall, HOUR_MS) + (target - hour) * HOUR_MS;
    return true;
  }

  private advanceMinute(): boolean {
    const minute = minuteOf(this.wall);
    if (this.expr.minutes[minute] === 1) return false;
    const target = nextInSorted(this.expr.minuteList, minute) ?? 60;
    this.wall = floorTo(this.wall, MINUTE_MS) + (target - minute) * MINUTE_MS;
    return true;
  }

  private advanceSecond(): boolean {
    const second = secondOf(this.wall);
    if (this.expr.seconds[second] === 1) return false;
    const list = this.expr.secondList;
    // oncalendar jumps straight to a lone second value, into the next minute if need be.
    const delta = list.length === 1 ? mod((list[0] as number) - second, 60) : (nextInSorted(list, second) ?? 60) - second;
    this.wall += delta * SECOND_MS;
    return true;
  }
}
