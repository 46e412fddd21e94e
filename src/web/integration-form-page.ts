import { formField } from './form-field.js';
import type { AccessibleProject } from '../accounts/project-access.js';
import type { Integration } from '../integrations/integration.js';
import { html, type Html } from './html.js';
import type { ConfigFormState } from './integration-config-form.js';
import { configForm } from './integration-config-form.js';
import { inputField } from './integration-fields.js';

import { page } from './layout.js';
import { csrfField, type PageContext } from './page-context.js';

export interface IntegrationFormOptions {
  project: AccessibleProject;
  integration: Integration;
  heading: string;
  /** Where the form posts. */
  action: string;
  submitLabel: string;
  /** The name shown in a fresh form (editing: the current one). */
  name: string;
  state: ConfigFormState;
  /** A note above the fields. */
  intro?: Html;
}

/** The add and edit pages of one integration: name, the kind's fields, and what went wrong. */
export function integrationFormPage(ctx: PageContext, options: IntegrationFormOptions): Html {
  const { prefix } = ctx;
  const { project, integration, state } = options;
  const list = `${prefix}/projects/${project.code}/integrations/`;
  const name = state.body ? formField(state.body, 'name') : options.name;
  return page(ctx, {
    title: options.heading,
    project,
    section: 'integrations',
    body: html`<p class="breadcrumbs"><a href="${list}">Integrations</a></p>
      <h1>${options.heading}</h1>
      ${options.intro ?? ''}
      ${
        state.error
          ? html`<div class="form-error" role="alert">
              <p><strong>The integration was not saved.</strong></p>
              <p>${state.error.message}</p>
            </div>`
          : ''
      }
      <form method="post" action="${options.action}" class="integration-form">
        ${csrfField(ctx)}
        ${configForm(integration).render(state)}
        ${inputField(
          {
            name: 'name',
            label: 'Name (optional)',
            type: 'text',
            value: name,
            maxLength: 100,
            hint: `Shown in lists instead of the default name, e.g. "${integration.label} for the ops team".`,
          },
          state.error,
        )}
        <p class="form-actions">
          <button type="submit" class="primary">${options.submitLabel}</button>
          <a href="${list}">Cancel</a>
        </p>
      </form>
      <script src="${prefix}/static/integrations.js" defer></script>`,
  });
}
