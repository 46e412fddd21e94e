import { formField } from './form-field.js';
import { html } from './html.js';
import { type FormBody } from './integration-form-body.js';
import type { ConfigForm, ConfigFormState } from './integration-config-form.js';
import { clearName, inputField } from './integration-fields.js';
import { fieldProblem } from './integration-form-error.js';

type Direction = 'down' | 'up';
const DIRECTIONS: Direction[] = ['down', 'up'];
const HEADERS_HINT = 'Use "Header-Name: value" pairs, one per line.';

/** Spec §9.5: the form's `Name: value` lines; blank lines are skipped. */
export function parseHeaderLines(text: string, field: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw fieldProblem(field, HEADERS_HINT);
    const name = line.slice(0, colon).trim();
    if (name === '') throw fieldProblem(field, HEADERS_HINT);
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function headerLines(headers: unknown): string {
  if (typeof headers !== 'object' || headers === null) return '';
  return Object.entries(headers as Record<string, unknown>)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\n');
}

const isStored = (value: unknown) =>
  typeof value === 'string' ? value !== '' : typeof value === 'object' && value !== null && Object.keys(value).length > 0;

function direction(state: ConfigFormState, d: Direction) {
  const editing = state.stored !== undefined;
  const stored = (state.stored ?? {}) as Record<string, unknown>;
  const value = (key: string, fromStored: string) =>
    state.body ? formField(state.body, `config.${key}`) : editing ? fromStored : '';
  const secret = (key: string) => ({ secretStored: editing && isStored(stored[key]), clearable: true });
  const heading = d === 'down' ? 'When a check goes down' : 'When a check goes up';
  return html`<fieldset>
    <legend>${heading}</legend>
    ${inputField(
      {
        name: `config.method_${d}`,
        label: 'Request method',
        type: 'select',
        options: ['GET', 'POST', 'PUT'],
        value:
          value(`method_${d}`, typeof stored[`method_${d}`] === 'string' ? (stored[`method_${d}`] as string) : 'GET') || 'GET',
      },
      state.error,
    )}
    ${inputField(
      {
        name: `config.url_${d}`,
        label: 'URL',
        type: 'url',
        value: value(`url_${d}`, ''),
        maxLength: 1000,
        placeholder: 'https://',
        ...secret(`url_${d}`),
      },
      state.error,
    )}
    ${inputField(
      {
        name: `config.body_${d}`,
        label: 'Request body',
        type: 'textarea',
        value: value(`body_${d}`, ''),
        maxLength: 1000,
        hint: 'Sent with POST and PUT. Besides the placeholders above, $BODY and $BODY_JSON give the last ping body.',
        ...secret(`body_${d}`),
      },
      state.error,
    )}
    ${inputField(
      {
        name: `config.headers_${d}`,
        label: 'Request headers',
        type: 'textarea',
        value: value(`headers_${d}`, ''),
        hint: HEADERS_HINT,
        placeholder: 'X-Sample-Header: $NAME has gone down',
        ...secret(`headers_${d}`),
      },
      state.error,
    )}
  </fieldset>`;
}

/** Editing: an empty secret keeps the stored one unless its "remove" box is ticked. */
function submitted(body: FormBody, stored: Record<string, unknown> | null, key: string): string | null {
  const raw = formField(body, `config.${key}`);
  if (stored === null || raw.trim() !== '') return raw;
  return formField(body, clearName(`config.${key}`)) === 'on' ? '' : null;
}

/** Spec §9.5 `webhook`: method, URL, body and headers, once for down and once for up. */
export const webhookForm: ConfigForm = {
  render(state) {
    return html`<p class="hint">
        At least one URL is needed. URLs, bodies and headers may use placeholders: <code>$CODE</code>,
        <code>$STATUS</code>, <code>$NOW</code>, <code>$NAME</code>, <code>$NAME_JSON</code>, <code>$SLUG</code>,
        <code>$TAGS</code>, <code>$TAG1</code>, <code>$JSON</code>, <code>$EXITSTATUS</code>.
      </p>
      ${DIRECTIONS.map((d) => direction(state, d))}`;
  },
  read(body, storedConfig) {
    const stored = storedConfig === undefined ? null : (storedConfig as Record<string, unknown>);
    // the stored JSON may carry a `name` of its own: kept as it is
    const config: Record<string, unknown> = stored ? structuredClone(stored) : {};
    for (const d of DIRECTIONS) {
      config[`method_${d}`] = formField(body, `config.method_${d}`) || 'GET';
      const url = submitted(body, stored, `url_${d}`);
      if (url !== null) config[`url_${d}`] = url.trim();
      const text = submitted(body, stored, `body_${d}`);
      if (text !== null) config[`body_${d}`] = text;
      const headers = submitted(body, stored, `headers_${d}`);
      if (headers !== null) config[`headers_${d}`] = parseHeaderLines(headers, `config.headers_${d}`);
    }
    return config;
  },
};
