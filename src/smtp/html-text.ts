import { Parser } from 'htmlparser2';

const HIDDEN = new Set(['script', 'style']);

/**
 * The visible text of an HTML part, for keyword matching (spec §10): tags stripped without
 * adding separators (`<b>S</b>UCCESS` reads `SUCCESS`), entities decoded, `<script>` and
 * `<style>` content dropped, runs of whitespace collapsed to one space.
 */
export function htmlText(html: string): string {
  let text = '';
  let hiddenDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN.has(name)) hiddenDepth += 1;
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hiddenDepth > 0) hiddenDepth -= 1;
      },
      ontext(data) {
        if (hiddenDepth === 0) text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return text.replace(/\s+/g, ' ').trim();
}
