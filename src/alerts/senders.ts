import type { Deps } from '../deps.js';
import { makeOutboundHttp } from '../outbound/http-client.js';
import { makeSmtpMailer } from '../outbound/smtp-mailer.js';
import type { Senders } from './integration-io.js';

/** One outbound HTTP client and one pooled SMTP transport per process; close() releases them. */
export function makeSenders(deps: Pick<Deps, 'config' | 'log'>): Senders & { close(): Promise<void> } {
  const http = makeOutboundHttp({ allowPrivateIps: deps.config.integrationsAllowPrivateIps, userAgent: deps.config.siteName });
  const mailer = makeSmtpMailer(deps.config.email, deps.log.child({ component: 'mailer' }));
  return {
    http,
    mailer,
    async close() {
      await http.close();
      mailer.close();
    },
  };
}
