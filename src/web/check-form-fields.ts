import type { FormErrors, FormValues } from './check-form-input.js';
import { html, type Html } from './html.js';

/** A form's current values and the problems to show beside its fields. */
export interface FormState {
  values: FormValues;
  errors: FormErrors;
}

interface FieldOptions {
  /** The form field's name; ids are `check-<name>`. */
  name: string;
  label: string;
  hint?: string;
  maxlength?: number;
  placeholder?: string;
}

const describedBy = (name: string, hint: unknown, error: unknown): string =>
  [hint ? `check-${name}-hint` : '', error ? `check-${name}-error` : ''].filter(Boolean).join(' ');

/** The hint and the inline error of a field, tied to it by aria-describedby. */
export function fieldNotes(name: string, hint: string | undefined, error: string | undefined): Html {
  return html`${hint ? html`<p class="hint" id="check-${name}-hint">${hint}</p>` : ''}
  ${error ? html`<p class="error field-error" id="check-${name}-error">${error}</p>` : ''}`;
}

/** `aria-describedby` and `aria-invalid` of a field with these notes. */
export function fieldAria(name: string, hint: unknown, error: unknown): Html {
  const described = describedBy(name, hint, error);
  return html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

export function textField(state: FormState, o: FieldOptions): Html {
  const error = state.errors[o.name];
  const limits = html`${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.placeholder ? html` placeholder="${o.placeholder}"` : ''}`;
  return html`<div class="field">
    <label for="check-${o.name}">${o.label}</label>
    <input type="text" id="check-${o.name}" name="${o.name}" value="${state.values[o.name] ?? ''}"${limits}${fieldAria(o.name, o.hint, error)} />
    ${fieldNotes(o.name, o.hint, error)}
  </div>`;
}

/** A textarea; its first newline is dropped by HTML parsers, so a value's own leading newline survives. */
export function textArea(state: FormState, o: FieldOptions & { rows?: number; mono?: boolean }): Html {
  const error = state.errors[o.name];
  const attributes = html`id="check-${o.name}" name="${o.name}" rows="${o.rows ?? 3}"${o.mono === false ? html` class="prose"` : ''}`;
  return html`<div class="field">
    <label for="check-${o.name}">${o.label}</label>
    <textarea ${attributes}${fieldAria(o.name, o.hint, error)}>\n${state.values[o.name] ?? ''}</textarea>
    ${fieldNotes(o.name, o.hint, error)}
  </div>`;
}

/** A checkbox posting `value` (default '1') when ticked. */
export function checkbox(state: FormState, o: { name: string; label: string; value?: string; hint?: string }): Html {
  const value = o.value ?? '1';
  const checked = state.values[o.name] === value;
  return html`<div class="field checkbox-field">
    <label class="check-label"><input type="checkbox" name="${o.name}" value="${value}"${checked ? html` checked` : ''}${
      o.hint ? html` aria-describedby="check-${o.name}-hint"` : ''
    } /> ${o.label}</label>
    ${fieldNotes(o.name, o.hint, undefined)}
  </div>`;
}

/** The shown-once summary above a form that was refused. */
export function formProblems(state: FormState): Html {
  const count = Object.keys(state.errors).length;
  if (count === 0) return html``;
  return html`<p class="error" role="alert">${count === 1 ? 'One field needs attention.' : `${count} fields need attention.`}</p>`;
}
