/**
 * Healthchecks' placeholder substitution (spec §9.5 "Substitution rules", Appendix A) and the
 * Python spellings its values come in, shared by the webhook and shell kinds.
 */

/**
 * Replaces `$NAME`-style placeholders. `values` is tried in its insertion order, which is part of
 * the contract: `$NAME_JSON` must come before `$NAME`, and `$TAG1` matches `$TAG10` (spec §15
 * item 211). Only placeholders written in the template are replaced: a value that contains
 * `$TAG1` stays literal, and text that only becomes a placeholder after a substitution
 * (`$$NAMETAG1` with an empty name) is not scanned again.
 */
export function replacePlaceholders(template: string, values: ReadonlyMap<string, string>): string {
  const [head = '', ...pieces] = template.split('$');
  let result = head;
  for (const rest of pieces) {
    const piece = `$${rest}`;
    let replaced = piece;
    for (const [name, value] of values) {
      if (piece.startsWith(name)) {
        replaced = value + piece.slice(name.length);
        break;
      }
    }
    result += replaced;
  }
  return result;
}

/** `$TAG1`, `$TAG2`, … for the check's tags, in order. */
export function tagPlaceholders(tags: readonly string[], render: (tag: string) => string = (t) => t): [string, string][] {
  return tags.map((tag, i) => [`$TAG${i + 1}`, render(tag)]);
}

/** Python's `shlex.quote`: safe words stay bare, anything else is single-quoted. */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/** Python's `urllib.parse.quote(value)`: UTF-8 percent-encoding that keeps `/` and `_.-~`. */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~/]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Python's `s.encode("latin-1", "xmlcharrefreplace")`: header values must be latin-1. */
export function latin1CharRefs(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    out += code > 0xff ? `&#${code};` : ch;
  }
  return out;
}

function stringLiteral(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    // Everything outside printable ASCII becomes \uXXXX (UTF-16 units, so astral
    // characters come out as surrogate pairs, exactly like Python's ensure_ascii).
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Python's `json.dumps(value)` with its defaults: `", "` and `": "` separators and non-ASCII
 * escaped. Webhook receivers written against Healthchecks see byte-identical `$JSON`,
 * `$NAME_JSON` and `$BODY_JSON` values.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${stringLiteral(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return typeof value === 'bigint' ? value.toString() : 'null';
}
