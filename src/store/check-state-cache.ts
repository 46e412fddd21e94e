import type { CheckState } from '../domain/check.js';

const MAX_ENTRIES = 10_000;

/**
 * This node's last-known state of checks by UUID, so a hot check's group skips the read round
 * trip. It is only ever a guess: every write compare-and-sets on the row version, so a stale
 * entry (another node pinged, the detector or an edit wrote) costs one retry, never a wrong
 * write. Only UUID targets are cached: a slug URL depends on the project's ping key, which can
 * be revoked without touching the check, so slug pings always read the database.
 */
export class CheckStateCache {
  private readonly byCode = new Map<string, CheckState>();

  get(code: string): CheckState | undefined {
    return this.byCode.get(code);
  }

  set(code: string, state: CheckState): void {
    this.byCode.delete(code); // re-insert: Map order is our least-recently-written order
    this.byCode.set(code, state);
    if (this.byCode.size > MAX_ENTRIES) this.byCode.delete(this.byCode.keys().next().value!);
  }

  delete(code: string): void {
    this.byCode.delete(code);
  }

  clear(): void {
    this.byCode.clear();
  }
}
