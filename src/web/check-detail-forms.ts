import { checkbox, formProblems, textArea, textField, type FormState } from './check-form-fields.js';
import { html, type Html } from './html.js';
import { csrfField, type PageContext } from './page-context.js';

/** Name, slug, tags and description (spec §12 `name/`). */
export function nameForm(ctx: PageContext, action: string, state: FormState): Html {
  return html`<form method="post" action="${action}" class="name-form">
    ${csrfField(ctx)} ${formProblems(state)}
    ${textField(state, { name: 'name', label: 'Name', maxlength: 100, placeholder: 'unnamed' })}
    ${textField(state, {
      name: 'slug',
      label: 'Slug',
      maxlength: 100,
      hint: 'For ping URLs by name: lowercase letters, digits, hyphens and underscores.',
    })}
    ${textField(state, { name: 'tags', label: 'Tags', hint: 'Separated by spaces, e.g. prod backups.' })}
    ${textArea(state, { name: 'desc', label: 'Description', rows: 3, mono: false })}
    <div class="form-buttons"><button type="submit" class="primary">Save</button></div>
  </form>`;
}

/** Methods, keyword filters and manual resume (spec §12 `filtering_rules/`, §3.5, §10). */
export function filterForm(ctx: PageContext, action: string, state: FormState): Html {
  const defaultFail = state.values.filter_default_fail === '1';
  return html`<form method="post" action="${action}" class="filter-form">
    ${csrfField(ctx)} ${formProblems(state)}
    <fieldset>
      <legend>HTTP pings</legend>
      ${checkbox(state, {
        name: 'methods',
        value: 'POST',
        label: 'Only POST requests count',
        hint: 'Other methods (a link preview fetching the URL, say) are logged and ignored.',
      })}
      ${checkbox(state, { name: 'filter_http_body', label: 'Look for keywords in the request body' })}
    </fieldset>
    <fieldset>
      <legend>Email pings</legend>
      ${checkbox(state, { name: 'filter_subject', label: 'Look for keywords in the subject' })}
      ${checkbox(state, { name: 'filter_body', label: 'Look for keywords in the message body' })}
    </fieldset>
    <fieldset>
      <legend>Keywords</legend>
      <p class="hint">Comma-separated and case-sensitive; used only where keyword filtering is on above.</p>
      ${textField(state, { name: 'start_kw', label: 'Start keywords', maxlength: 200 })}
      ${textField(state, { name: 'success_kw', label: 'Success keywords', maxlength: 200 })}
      ${textField(state, { name: 'failure_kw', label: 'Failure keywords', maxlength: 200 })}
      <fieldset class="inline-choice">
        <legend>When no keyword matches</legend>
        <label class="check-label"
          ><input type="radio" name="filter_default_fail" value="0" ${defaultFail ? '' : html`checked`} /> Ignore the
          ping</label
        >
        <label class="check-label"
          ><input type="radio" name="filter_default_fail" value="1" ${defaultFail ? html`checked` : ''} /> Count it as a
          failure</label
        >
      </fieldset>
    </fieldset>
    <fieldset>
      <legend>While paused</legend>
      ${checkbox(state, {
        name: 'manual_resume',
        label: 'Ignore pings until the check is resumed here',
        hint: 'Otherwise the next ping resumes a paused check.',
      })}
    </fieldset>
    <div class="form-buttons"><button type="submit" class="primary">Save filtering rules</button></div>
  </form>`;
}
