import { canonicalTimezones } from '../domain/timezones.js';
import { nextOccurrence } from '../domain/schedule/index.js';
import { fieldAria, fieldNotes, formProblems, type FormState } from './check-form-fields.js';
import { DURATION_UNITS, scheduleFormInput, type FormValues } from './check-form-input.js';
import { durationText, timeTag, zonedText } from './check-time.js';
import { html, type Html } from './html.js';
import { csrfField, type PageContext } from './page-context.js';

/** How many upcoming times the preview lists. */
const PREVIEW_COUNT = 5;

const KINDS = [
  ['simple', 'Simple', 'A ping is expected every so often.'],
  ['cron', 'Cron', 'A ping is expected at the times of a cron expression.'],
  ['oncalendar', 'OnCalendar', 'A ping is expected at the times of a systemd OnCalendar expression.'],
] as const;

function durationField(state: FormState, name: 'timeout' | 'grace', label: string, hint: string): Html {
  const error = state.errors[name];
  const unit = state.values[`${name}_unit`] ?? 'minutes';
  const value = state.values[`${name}_value`] ?? '';
  return html`<div class="field duration-field">
    <label for="check-${name}_value">${label}</label>
    <span class="duration-inputs">
      <input type="number" min="1" step="1" id="check-${name}_value" name="${name}_value" value="${value}"${fieldAria(name, hint, error)} />
      <select name="${name}_unit" aria-label="${label}: unit">
        ${Object.keys(DURATION_UNITS).map((u) => html`<option value="${u}"${u === unit ? html` selected` : ''}>${u}</option>`)}
      </select>
    </span>
    ${fieldNotes(name, hint, error)}
  </div>`;
}

function exprField(state: FormState, kind: 'cron' | 'oncalendar', label: string, hint: string): Html {
  const name = `${kind}_expr`;
  const error = state.errors[name];
  const attributes = html`id="check-${name}" name="${name}" rows="${kind === 'cron' ? 1 : 3}" spellcheck="false"`;
  return html`<div class="field">
    <label for="check-${name}">${label}</label>
    <textarea ${attributes}${fieldAria(name, hint, error)}>\n${state.values[name] ?? ''}</textarea>
    ${fieldNotes(name, hint, error)}
  </div>`;
}

function tzField(state: FormState): Html {
  const current = state.values.tz ?? 'UTC';
  const error = state.errors.tz;
  return html`<div class="field">
    <label for="check-tz">Time zone</label>
    <select id="check-tz" name="tz"${fieldAria('tz', undefined, error)}>
      ${canonicalTimezones.map((tz) => html`<option${tz === current ? html` selected` : ''}>${tz}</option>`)}
    </select>
    ${fieldNotes('tz', undefined, error)}
  </div>`;
}

/**
 * What the schedule in `values` means, computed here (spec §2.2, §2.8, §2.9): the next expected
 * times in the check's zone and UTC, or why it is not valid. Also the answer of `…/preview/`.
 */
export function schedulePreview(values: FormValues, now: number, lastPingAt: number | null): Html {
  const input = scheduleFormInput(values);
  if (!input.ok) {
    return html`<p class="hint">No preview: ${Object.values(input.errors).join(' ')}</p>`;
  }
  const { changes } = input;
  const grace = durationText(changes.graceSeconds ?? 0);
  if (!changes.schedule) {
    const period = changes.timeoutSeconds ?? 0;
    const due = lastPingAt === null ? null : lastPingAt + period * 1000;
    return html`<p>
      A ping is expected every <strong>${durationText(period)}</strong>. Without one the check is late, and
      <strong>${grace}</strong> later it is down.
      ${due === null ? 'The period starts with the first ping.' : html`After the last ping, the next is due ${timeTag(due)}.`}
    </p>`;
  }
  const { kind, expr } = changes.schedule;
  const tz = changes.tz ?? 'UTC';
  const times: number[] = [];
  let after = now;
  for (let i = 0; i < PREVIEW_COUNT; i++) {
    const next = nextOccurrence(kind, expr, tz, after);
    if (next === null) break;
    times.push(next);
    after = next;
  }
  if (times.length === 0) return html`<p>This schedule has no upcoming times: a check with it never goes late.</p>`;
  return html`<p class="hint">The next expected pings (each may be up to ${grace} late before the check is down):</p>
    <ol class="schedule-times">
      ${times.map((t) => html`<li>${tz === 'UTC' ? timeTag(t) : html`${zonedText(t, tz)} <span class="hint">(${timeTag(t)})</span>`}</li>`)}
    </ol>`;
}

/** The schedule editor: simple (period), cron or OnCalendar (expression and zone), grace, preview. */
export function scheduleForm(ctx: PageContext, action: string, previewUrl: string, state: FormState, preview: Html): Html {
  const kind = state.values.kind ?? 'simple';
  return html`<form method="post" action="${action}" class="schedule-form" data-preview-url="${previewUrl}">
    ${csrfField(ctx)} ${formProblems(state)}
    <fieldset class="kind-choice">
      <legend>Kind of schedule</legend>
      ${KINDS.map(
        ([value, label, hint]) =>
          html`<label class="check-label" title="${hint}"><input type="radio" name="kind" value="${value}"${
            value === kind ? html` checked` : ''
          } /> ${label}</label>`,
      )}
      ${fieldNotes('kind', undefined, state.errors.kind)}
    </fieldset>
    <div class="kind-pane" data-kind="simple">
      ${durationField(state, 'timeout', 'Period', 'How often the job runs: the longest expected time between two pings.')}
    </div>
    <div class="kind-pane" data-kind="cron">
      ${exprField(state, 'cron', 'Cron expression', 'Five fields: minute, hour, day of month, month, day of week. Example: 0 5 * * 1-5')}
    </div>
    <div class="kind-pane" data-kind="oncalendar">
      ${exprField(
        state,
        'oncalendar',
        'OnCalendar expression',
        'One expression per line, e.g. Mon..Fri *-*-* 05:00:00 or daily. A line may end with its own time zone.',
      )}
    </div>
    <div class="kind-pane" data-kind="cron oncalendar">${tzField(state)}</div>
    ${durationField(state, 'grace', 'Grace time', 'How late a ping may be before the check is down and alerts go out.')}
    <div class="schedule-preview" aria-live="polite">
      <h3>Preview</h3>
      <div data-schedule-preview>${preview}</div>
    </div>
    <div class="form-buttons">
      <button type="submit" class="primary">Save schedule</button>
      <button type="submit" name="preview" value="1">Preview</button>
    </div>
  </form>`;
}
