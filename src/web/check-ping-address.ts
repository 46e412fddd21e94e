import type { Config } from '../config.js';

export interface PingSettings {
  showSlugs: boolean;
  pingKey: string | null;
}

/** What the page shows for a check's ping URL or address: copyable only when it works. */
export interface PingAddress {
  text: string;
  usable: boolean;
}

/**
 * Spec §1.10: `PING_ENDPOINT<uuid>`, or in slug mode `PING_ENDPOINT<ping_key>/<slug>` with a
 * literal `{ping_key}` while the project has none; unavailable without a slug.
 */
export function pingUrl(
  config: Pick<Config, 'pingEndpoint'>,
  ping: PingSettings,
  check: { code: string; slug: string },
): PingAddress {
  if (!ping.showSlugs) return { text: `${config.pingEndpoint}${check.code}`, usable: true };
  if (check.slug === '') return { text: 'unavailable, slug not set', usable: false };
  return { text: `${config.pingEndpoint}${ping.pingKey ?? '{ping_key}'}/${check.slug}`, usable: ping.pingKey !== null };
}

/** Spec §1.10: `<uuid>@PING_EMAIL_DOMAIN`, or in slug mode `<ping_key>+<slug>@PING_EMAIL_DOMAIN`. */
export function pingEmail(
  config: Pick<Config, 'pingEmailDomain'>,
  ping: PingSettings,
  check: { code: string; slug: string },
): PingAddress {
  const domain = config.pingEmailDomain;
  if (!ping.showSlugs) return { text: `${check.code}@${domain}`, usable: true };
  if (check.slug === '') return { text: 'unavailable, slug not set', usable: false };
  return { text: `${ping.pingKey ?? '{ping_key}'}+${check.slug}@${domain}`, usable: ping.pingKey !== null };
}
