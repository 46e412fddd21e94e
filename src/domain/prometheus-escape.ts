/**
 * A label value as Healthchecks escapes it (spec §11.1, item 190): backslash first, so the
 * backslashes the other two rules add are not doubled again. Other characters pass through,
 * as they do in Healthchecks and as the text exposition format allows.
 */
export function prometheusEscape(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}
