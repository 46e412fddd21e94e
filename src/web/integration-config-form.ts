import type { IntegrationListItem } from '../alerts/list-integrations.js';
import type { Integration } from '../integrations/integration.js';
import type { Html } from './html.js';
import type { FormBody } from './integration-form-body.js';
import { emailForm } from './integration-email-form.js';
import type { FormError } from './integration-form-error.js';
import { groupForm } from './integration-group-form.js';
import { schemaForm } from './integration-schema-form.js';
import { webhookForm } from './integration-webhook-form.js';

/** What a kind's form is drawn from. */
export interface ConfigFormState {
  /** The submitted form after a rejected post; null for a fresh form. */
  body: FormBody | null;
  /** Editing: the current config. Its secrets are never written into the page. */
  stored: unknown;
  error: FormError | null;
  /** The project's integrations (a group's members). */
  others: IntegrationListItem[];
}

/** The configuration part of a kind's add and edit forms. */
export interface ConfigForm {
  render(state: ConfigFormState): Html;
  /**
   * The API's `config` from a submitted form. Editing, `stored` supplies the secrets whose
   * fields were left empty. Throws a bad_request naming the field when the form cannot be read.
   */
  read(body: FormBody, stored: unknown): unknown;
}

/** Hand-written forms where a generated one would be clumsy; generated from the schema for the rest. */
export function configForm(integration: Integration): ConfigForm {
  switch (integration.kind) {
    case 'email':
      return emailForm;
    case 'webhook':
      return webhookForm;
    case 'group':
      return groupForm;
    default:
      return schemaForm(integration);
  }
}
