import { html } from './html.js';
import { formString } from './integration-form-body.js';
import type { ConfigForm, ConfigFormState } from './integration-config-form.js';
import { inputField } from './integration-fields.js';

const stored = (state: ConfigFormState) => (state.stored ?? { value: '', up: true, down: true }) as Record<string, unknown>;
const checked = (on: unknown) => (on === true ? 'on' : '');

/** Spec §9.3 `email`: an address, and whether to write when a check goes down and up. */
export const emailForm: ConfigForm = {
  render(state) {
    const config = stored(state);
    const value = (name: string, fallback: string) => (state.body ? formString(state.body, name) : fallback);
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
      value: formString(body, 'config.value').trim(),
      down: formString(body, 'config.down') === 'on',
      up: formString(body, 'config.up') === 'on',
    };
  },
};
