import { z } from 'zod';
import { isSuccessStatus, type OutboundResponse } from '../outbound/outbound-http.js';
import { githubAppJwt } from './incident-app-jwt.js';
import { configObject, parseStoredJson, requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { markdownFacts } from './incident-text.js';
import { checkName, cloakedUrl, longReason, pingBodyText } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

export interface GithubConfig {
  installation_id: number;
  repo: string;
  labels: string[];
}

const fields = {
  installation_id: z
    .number({ error: 'installation_id must be a positive integer' })
    .int('installation_id must be a positive integer')
    .positive('installation_id must be a positive integer'),
  // Strict, because it becomes part of the API path the installation token is sent to.
  repo: requiredString('repo').regex(/^[A-Za-z0-9-]+\/(?!\.{1,2}$)[\w.-]+$/, 'repo must be "owner/name"'),
  labels: z
    .array(z.string({ error: 'labels must be a list of strings' }), { error: 'labels must be a list of strings' })
    .default([]),
};

const GITHUB_HEADERS = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };

function issueBody(ctx: NotificationContext, siteRoot: string): string {
  const reason = longReason(ctx.flip);
  const lines = [`[${checkName(ctx.check)}](${cloakedUrl(siteRoot, ctx.check)}) is **DOWN**${reason ? ` (${reason})` : ''}.`, ''];
  if (ctx.check.desc) lines.push(ctx.check.desc, '');
  lines.push(...markdownFacts(ctx));
  const body = pingBodyText(ctx.lastPing);
  // A body with its own fence would end ours early and garble the issue.
  if (body && !body.includes('```')) lines.push('', '**Last Ping Body:**', '```', body, '```');
  return lines.join('\n');
}

export const githubIntegration = defineIntegration<GithubConfig>({
  kind: 'github',
  label: 'GitHub',
  configSchema: configObject(fields),
  fromStored: (value) => parseStoredJson('github', value, z.object(fields)),
  toStored: (config) => JSON.stringify(config),
  isNoop: (_config, status) => status !== 'down',
  async notify(ctx, config, io) {
    const { appId, privateKey, apiUrl } = io.settings.github;
    if (!appId || !privateKey) return failed('GitHub notifications are not enabled.');
    let jwt: string;
    try {
      jwt = githubAppJwt(appId, privateKey, io.clock.now());
    } catch {
      return failed('GITHUB_PRIVATE_KEY is not a valid private key');
    }

    const denied = `GitHub denied access to ${config.repo}`;
    const tokenResult = await io.http.send(
      {
        method: 'POST',
        url: `${apiUrl}/app/installations/${config.installation_id}/access_tokens`,
        headers: { ...GITHUB_HEADERS, Authorization: `Bearer ${jwt}` },
      },
      // 404: the app was uninstalled, so this installation will never grant a token again.
      (response) => (isSuccessStatus(response.status) ? null : { error: denied, permanent: response.status === 404 }),
    );
    if (!tokenResult.ok) return deliveryOf(tokenResult);
    const token = (tokenResult.response.json() as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token) return failed(denied);

    const result = await io.http.send(
      {
        method: 'POST',
        url: `${apiUrl}/repos/${config.repo}/issues`,
        headers: { ...GITHUB_HEADERS, Authorization: `Bearer ${token}` },
        json: { title: `${checkName(ctx.check)} is DOWN`, body: issueBody(ctx, io.siteRoot), labels: config.labels },
      },
      // 410: issues are disabled on the repository.
      (response: OutboundResponse) =>
        isSuccessStatus(response.status)
          ? null
          : { error: `Received status code ${response.status}`, permanent: response.status === 410 },
    );
    return deliveryOf(result);
  },
});
