import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { findIntegration } from '../integrations/registry.js';
import { countProjectChecks, listIntegrationRows, type IntegrationRow } from '../store/integration-rows.js';

/** An integration as the dashboard's list shows it. */
export interface IntegrationListItem {
  code: string;
  name: string;
  kind: string;
  /** The kind's label (spec §9.3), or the kind itself for a kind this server does not know. */
  label: string;
  /** The name, or the default display name of spec §1.7 when it has none. */
  displayName: string;
  checkCount: number;
  disabled: boolean;
  lastError: string;
  lastNotifyAt: number | null;
}

/** Spec §1.7: `Email to <address>`, `Slack <channel>` …, otherwise the kind's label. */
function displayName(row: IntegrationRow): string {
  if (row.name) return row.name;
  const integration = findIntegration(row.kind);
  if (!integration) return row.kind;
  try {
    return integration.displayName?.(integration.fromStored(row.value)) ?? integration.label;
  } catch {
    // an unreadable stored value still gets a readable label
    return integration.label;
  }
}

/**
 * The dashboard's integrations list (spec §12): groups first, then in creation order, with the
 * project's number of checks so that "used by 3 of 5 checks" can be said.
 */
export async function listIntegrations(
  deps: Pick<Deps, 'store'>,
  caller: ApiCaller,
): Promise<{ integrations: IntegrationListItem[]; checkTotal: number }> {
  const rows = await listIntegrationRows(deps.store.db, caller.projectId);
  const groupsFirst = [...rows.filter((r) => r.kind === 'group'), ...rows.filter((r) => r.kind !== 'group')];
  return {
    integrations: groupsFirst.map((row) => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      label: findIntegration(row.kind)?.label ?? row.kind,
      displayName: displayName(row),
      checkCount: row.checkCount,
      disabled: row.disabled,
      lastError: row.lastError,
      lastNotifyAt: row.lastNotifyAt,
    })),
    checkTotal: await countProjectChecks(deps.store.db, caller.projectId),
  };
}
