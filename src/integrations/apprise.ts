import { z } from 'zod';
import { defineIntegration, delivered, failed } from './integration.js';
import { checkName, statusSentence, statusWord } from './message-parts.js';

/**
 * An Apprise URL (`mailto://…`, `tgram://…`). Healthchecks calls the Apprise library in-process;
 * Node has no Apprise, so we hand the URL to an Apprise API server (APPRISE_API_URL), whose
 * stateless `/notify/` endpoint runs the same library.
 */
const configSchema: z.ZodType<string> = z
  .string({ error: 'config must be an Apprise URL string' })
  .trim()
  .min(1, { error: 'config must not be empty' })
  .max(512, { error: 'config is too long (at most 512 characters)' });

export const appriseIntegration = defineIntegration<string>({
  kind: 'apprise',
  label: 'Apprise',
  secretFields: [''],
  configSchema,
  fromStored: (stored) => stored,
  toStored: (config) => config,
  isNoop: () => false,
  async notify(ctx, config, io) {
    const { enabled, apiUrl } = io.settings.apprise;
    if (!enabled || !apiUrl) return failed('Apprise is disabled and/or not installed');

    const title = `${checkName(ctx.check)} is ${statusWord(ctx)}`;
    const result = await io.http.send({
      method: 'POST',
      url: `${apiUrl}/notify/`,
      json: {
        urls: config,
        title,
        body: statusSentence(ctx) ?? `${title}.`,
        type: ctx.status === 'up' ? 'success' : 'failure',
      },
      // Apprise fans out to several services: a retry could repeat the ones that worked.
      attempts: 1,
    });
    return result.ok ? delivered : failed('Failed');
  },
});
