/**
 * Thrown inside the schedule parsers and caught at their edge; messages follow
 * cronsim/oncalendar ("Bad minute", "Wrong number of fields").
 */
export class ScheduleSyntaxError extends Error {
  override readonly name = 'ScheduleSyntaxError';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof ScheduleSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}
