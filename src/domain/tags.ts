/** Healthchecks' tags_list: split on spaces, trimmed, empties dropped; commas are NOT separators. */
export function tagsList(tags: string): string[] {
  return tags
    .split(' ')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
