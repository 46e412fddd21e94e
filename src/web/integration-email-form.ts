import { formField } from './form-field.js';
import { html } from './html.js';

import type { ConfigForm, ConfigFormState } from './integration-config-form.js';
import { inputField } from './integration-fields.js';

const stored = (state: ConfigFormState) => (state.stored ?? { value: '', up: true, down: true }) as Record<string, unknown>;
const checked = (on: unknown) => (on === true ? 'on' : '');

/** Spec §9.3 `email`: an address, and whether to write when a check goes down and up. */
export const emailForm: ConfigForm = {
  render(state) {
    const config = stored(state);
    const value = (name: string, fallback: string) => (state.body ? formField(state.body, name) : fallback);
    return html`${inputField(
      {
        name: 'config.value',
        label: 'Email address',
        type: 'email',
        value: value('config.value', typeof config.value === 'string' ? config.value : ''),
        required: true,
        maxLength: 254,
      },
      state.error,
    )}
    <fieldset>
      <legend>Send an email</legend>
      ${inputField(
        {
          name: 'config.down',
          label: 'when a check goes down',
          type: 'checkbox',
          value: value('config.down', checked(config.down)),
        },
        state.error,
      )}
      ${inputField(
        { name: 'config.up', label: 'when a check goes up', type: 'checkbox', value: value('config.up', checked(config.up)) },
        state.error,
      )}
    </fieldset>`;
  },
  read(body) {
    return {
      value: formField(body, 'config.value').trim(),
      down: formField(body, 'config.down') === 'on',
      up: formField(body, 'config.up') === 'on',
    };
  },
};
