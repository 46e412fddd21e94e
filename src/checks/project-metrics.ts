import { resolveApiKey } from '../accounts/api-keys.js';
import type { Deps } from '../deps.js';
import { prometheusMetrics } from '../domain/prometheus-metrics.js';
import { AppError } from '../lib/app-error.js';
import { readProjectChecks } from '../store/project-check-list.js';

/**
 * The Prometheus text of the project whose read-only key this is (spec §11.1). The key alone
 * selects the project: Healthchecks ignores the project UUID in the path (item 210), and
 * scrape configs rely on that. A read-write key is refused like an unknown one (item 188).
 */
export async function projectMetrics(deps: Pick<Deps, 'store' | 'clock' | 'secretKey'>, key: string): Promise<string> {
  if (key.length !== 32) throw new AppError('bad_request', 'the read-only API key must be 32 characters');
  const projectId = await resolveApiKey(deps.store, deps.secretKey, key, 'read-only');
  if (projectId === undefined) throw new AppError('forbidden', "wrong api key: metrics need the project's read-only key");
  const checks = await readProjectChecks(deps.store, projectId);
  return prometheusMetrics(checks, deps.clock.now());
}
