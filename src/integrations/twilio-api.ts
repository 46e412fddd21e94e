import type { ResponseVerdict } from '../outbound/outbound-http.js';
import { isSuccessStatus, type OutboundResponse } from '../outbound/outbound-http.js';
import { delivered, failed, type DeliveryResult, type IntegrationIo } from './integration.js';
import type { NotificationContext } from './notification-context.js';

/** Twilio's error code for a `To` number it cannot deliver to. */
const INVALID_PHONE_NUMBER = 21211;

/** Twilio answers 400 with `{"code": 21211}` for a bad number: retrying or keeping the channel is pointless. */
export function twilioVerdict(response: OutboundResponse): ResponseVerdict {
  if (isSuccessStatus(response.status)) return null;
  if (response.status === 400) {
    const doc = response.json();
    if (typeof doc === 'object' && doc !== null && (doc as { code?: unknown }).code === INVALID_PHONE_NUMBER) {
      return { error: 'Invalid phone number', permanent: true };
    }
  }
  return { error: `Received status code ${response.status}`, permanent: false };
}

/** Where Twilio reports the delivery outcome of this notification (spec §4.20). */
export function twilioStatusCallback(io: IntegrationIo, ctx: NotificationContext): string {
  return `${io.siteRoot}/api/v3/notifications/${ctx.notificationCode}/status`;
}

/**
 * POSTs `form` to the account's `Messages` or `Calls` resource with basic auth. The caller has
 * checked that the account credentials are configured.
 */
export async function postToTwilio(
  io: IntegrationIo,
  resource: 'Messages' | 'Calls',
  form: Record<string, string>,
): Promise<DeliveryResult> {
  const { account, auth, apiUrl } = io.settings.twilio;
  const result = await io.http.send(
    {
      method: 'POST',
      url: `${apiUrl}/2010-04-01/Accounts/${encodeURIComponent(account ?? '')}/${resource}.json`,
      form,
      basicAuth: { user: account ?? '', password: auth ?? '' },
    },
    twilioVerdict,
  );
  return result.ok ? delivered : failed(result.error, result.permanent);
}
