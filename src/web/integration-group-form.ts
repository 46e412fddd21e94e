import { html } from './html.js';
import { formList } from './integration-form-body.js';
import type { ConfigForm } from './integration-config-form.js';
import { groupMembers } from '../integrations/group.js';

/** Spec §9.3 `group`: a checkbox for each other, non-group integration of the project. */
export const groupForm: ConfigForm = {
  render(state) {
    const chosen = state.body
      ? formList(state.body, 'config')
      : typeof state.stored === 'string'
        ? groupMembers(state.stored)
        : [];
    const candidates = state.others.filter((c) => c.kind !== 'group');
    const problem = state.error?.field === 'config' ? state.error.fieldText : null;
    return html`<fieldset${problem ? html` aria-describedby="group-error"` : ''}>
      <legend>Notify these integrations</legend>
      ${candidates.length === 0 ? html`<p class="hint">This project has no other integrations yet: add some first.</p>` : ''}
      ${candidates.map(
        (c) => html`<div class="field checkbox">
          <input type="checkbox" id="member-${c.code}" name="config" value="${c.code}" ${chosen.includes(c.code) ? html`checked` : ''} />
          <label for="member-${c.code}">${c.displayName} <span class="hint">(${c.label})</span></label>
        </div>`,
      )}
      ${problem ? html`<p class="error field-error" id="group-error">${problem}</p>` : ''}
    </fieldset>`;
  },
  read(body) {
    return formList(body, 'config');
  },
};
