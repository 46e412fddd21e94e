/**
 * Django's `escape` (its templates' autoescaping): what Healthchecks applies to every value in
 * HTML, SVG and XML output, so a check named `<b>` shows as typed and cannot break the markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}
