import { html, type Html } from './html.js';
import type { FormError } from './integration-form-error.js';

/** One input of an integration form. */
export interface InputSpec {
  /** The form name: `name`, `config` or `config.<path>`. */
  name: string;
  label: string;
  type: 'text' | 'email' | 'url' | 'number' | 'checkbox' | 'select' | 'textarea';
  /** The shown value; for a checkbox, 'on' when checked. */
  value: string;
  options?: readonly string[];
  required?: boolean;
  maxLength?: number;
  /** For numbers: '1' for integers, 'any' otherwise. */
  step?: string;
  hint?: string;
  placeholder?: string;
  /**
   * Editing, with a secret stored for this field: the field stays empty, an empty field keeps
   * the secret, and (when `clearable`) a checkbox removes it.
   */
  secretStored?: boolean;
  clearable?: boolean;
}

const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

/** The name of the checkbox that removes a stored secret. */
export const clearName = (name: string) => `clear:${name}`;

function describedBy(ids: string[]): Html | string {
  return ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : '';
}

/** A labelled input with its hint and, when the rejected form named it, its error. */
export function inputField(spec: InputSpec, error: FormError | null): Html {
  const id = idOf(spec.name);
  const problem = error?.field === spec.name ? error.fieldText : null;
  const hints = [
    ...(spec.hint ? [spec.hint] : []),
    ...(spec.secretStored ? ['A value is stored and not shown here: leave the field empty to keep it.'] : []),
  ];
  const notes = [...(hints.length > 0 ? [`${id}-hint`] : []), ...(problem ? [`${id}-error`] : [])];
  const invalid = problem ? html` aria-invalid="true"` : '';
  const hintMarkup = hints.length > 0 ? html`<p class="hint" id="${id}-hint">${hints.join(' ')}</p>` : '';
  const errorMarkup = problem ? html`<p class="error field-error" id="${id}-error">${problem}</p>` : '';

  if (spec.type === 'checkbox') {
    return html`<div class="field checkbox">
      <input type="checkbox" id="${id}" name="${spec.name}" ${spec.value === 'on' ? html`checked` : ''}${describedBy(notes)}${invalid} />
      <label for="${id}">${spec.label}</label>
      ${hintMarkup} ${errorMarkup}
    </div>`;
  }
  const common = html`id="${id}" name="${spec.name}"${spec.required && !spec.secretStored ? html` required` : ''}${describedBy(notes)}${invalid}`;
  let control: Html;
  if (spec.type === 'select') {
    control = html`<select ${common}>
      ${(spec.options ?? []).map((o) => html`<option value="${o}" ${o === spec.value ? html`selected` : ''}>${o}</option>`)}
    </select>`;
  } else if (spec.type === 'textarea') {
    control = html`<textarea ${common}${spec.maxLength ? html` maxlength="${spec.maxLength}"` : ''}${
      spec.placeholder ? html` placeholder="${spec.placeholder}"` : ''
    }>${spec.value}</textarea>`;
  } else {
    control = html`<input type="${spec.type}" ${common} value="${spec.value}"${
      spec.maxLength ? html` maxlength="${spec.maxLength}"` : ''
    }${spec.step ? html` step="${spec.step}"` : ''}${spec.placeholder ? html` placeholder="${spec.placeholder}"` : ''} />`;
  }
  const clear =
    spec.secretStored && spec.clearable
      ? html`<div class="field checkbox clear-secret">
          <input type="checkbox" id="${id}-clear" name="${clearName(spec.name)}" />
          <label for="${id}-clear">Remove the stored value</label>
        </div>`
      : '';
  return html`<div class="field">
    <label for="${id}">${spec.label}</label>
    ${control} ${hintMarkup} ${errorMarkup} ${clear}
  </div>`;
}
