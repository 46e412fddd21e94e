import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CheckDetails } from '../checks/check-page-details.js';
import { downtimeSummary } from '../checks/check-page-downtime.js';
import { checkEvents, EVENT_KINDS, type EventKind } from '../checks/check-page-events.js';
import { checkDetailPage, type DetailView } from './check-detail-page.js';
import { checkFormValues, type FormErrors, type FormValues } from './check-form-input.js';
import { allValues } from './check-list-query.js';
import { schedulePreview } from './check-schedule-form.js';
import { pageContext, requireUser } from './page-context.js';
import type { WebKit } from './web-plugin.js';
import { transferTargets } from '../checks/check-page-transfer.js';

/** Events the details page and its live log show at most. */
export const LOG_LIMIT = 100;

export const isEventKind = (value: string): value is EventKind => (EVENT_KINDS as readonly string[]).includes(value);

export function eventKinds(query: unknown): EventKind[] {
  return [...new Set(allValues((query as Record<string, unknown> | undefined)?.kind).filter(isEventKind))];
}

/** A browser leaves unticked boxes out of what it posts. */
const UNTICKED: FormValues = {
  methods: '',
  filter_http_body: '',
  filter_subject: '',
  filter_body: '',
  filter_default_fail: '',
  manual_resume: '',
};

/** A form sent back with what was typed and what is wrong with it. */
export interface Resubmitted {
  form: 'name' | 'schedule' | 'filters';
  values: FormValues;
  errors: FormErrors;
}

/**
 * Renders the details page: the stored values in every form, except the one sent back
 * (a refused form keeps what was typed, beside its errors; a previewed schedule its draft).
 */
export async function sendDetailPage(
  kit: WebKit,
  request: FastifyRequest,
  reply: FastifyReply,
  details: CheckDetails,
  resubmitted?: Resubmitted,
  status = 200,
) {
  const { deps } = kit;
  const kinds = eventKinds(request.query);
  const user = requireUser(request);
  const [events, downtime, targets] = await Promise.all([
    checkEvents(deps, details.check, kinds, LOG_LIMIT),
    downtimeSummary(deps, user.id, details.check),
    transferTargets(deps, user, details),
  ]);
  const stored = checkFormValues(details.check);
  const state = (form: Resubmitted['form']) =>
    resubmitted?.form === form
      ? { values: { ...stored, ...(form === 'filters' ? UNTICKED : {}), ...resubmitted.values }, errors: resubmitted.errors }
      : { values: stored, errors: {} };
  const forms = { name: state('name'), schedule: state('schedule'), filters: state('filters') };
  const now = deps.clock.now();
  const view: DetailView = {
    details,
    now,
    events,
    kinds,
    downtime,
    forms,
    preview: schedulePreview(forms.schedule.values, now, details.check.lastPingAt),
    targets: targets.map((t) => ({ code: t.code, name: t.name || t.ownerEmail })),
  };
  const ctx = pageContext(deps, request, reply, kit.prefix);
  return kit.send(reply, checkDetailPage(ctx, deps.config, view), status);
}
