/** Healthchecks' keyword matching: comma-separated, trimmed, empty items skipped, case-sensitive. */
export function matchesKeywords(text: string, keywords: string): boolean {
  for (const raw of keywords.split(',')) {
    const keyword = raw.trim();
    if (keyword && text.includes(keyword)) return true;
  }
  return false;
}
