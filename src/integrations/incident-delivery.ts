import type { OutboundResult } from '../outbound/outbound-http.js';
import { delivered, failed, type DeliveryResult } from './integration.js';

/** A transport's answer from the outbound client's result. */
export function deliveryOf(result: OutboundResult): DeliveryResult {
  return result.ok ? delivered : failed(result.error, result.permanent);
}
