/**
 * Django's slugify, which Healthchecks' API v1/v2 apply to a check's name: NFKD, ASCII only,
 * lowercase, only [a-z0-9_ -] kept, runs of spaces and hyphens → one hyphen, and hyphens and
 * underscores trimmed from the ends (`"Alice 1"` → `alice-1`).
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0080-\uffff]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}
