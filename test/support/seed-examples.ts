import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The original API documentation pages, beside the repository (../shared/seeds). */
export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

/** Every JSON object that stands whole in a seed page's text (its example responses). */
export function seedExampleObjects(file: string): Array<Record<string, unknown>> {
  const text = readFileSync(`${SEEDS_DIR}${file}`, 'utf8');
  const found: Array<Record<string, unknown>> = [];
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        try {
          const value: unknown = JSON.parse(text.slice(start, i + 1));
          if (value && typeof value === 'object' && !Array.isArray(value)) found.push(value as Record<string, unknown>);
        } catch {
          // prose in braces, or a fragment: not an example
        }
        break;
      }
    }
  }
  return found;
}

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'));
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Keys of `example` missing from `actual`, or present with another JSON type (null in either
 * side is compatible with any type: examples show a field set where ours may be unset).
 */
export function shapeDifferences(example: Record<string, unknown>, actual: Record<string, unknown>, path = ''): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(example)) {
    if (!(key in actual)) {
      problems.push(`${path}${key} missing`);
      continue;
    }
    const mine = actual[key];
    if (value === null || mine === null) continue;
    if (jsonType(value) !== jsonType(mine))
      problems.push(`${path}${key}: ${jsonType(value)} in the example, ${jsonType(mine)} here`);
  }
  return problems;
}
