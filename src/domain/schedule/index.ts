export { type ScheduleKind, detectScheduleKind } from './detect-schedule-kind.js';
export { isValidSchedule, nextOccurrence } from './next-occurrence.js';
