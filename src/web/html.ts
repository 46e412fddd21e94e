/**
 * HTML built with a tagged template that escapes every interpolated value (Django's escaping)
 * unless it is already `Html`: a check named `<script>` can never become markup.
 */
import { escapeHtml } from '../domain/escape-html.js';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup we wrote ourselves (never user input). */
export function raw(markup: string): Html {
  return new Html(markup);
}
