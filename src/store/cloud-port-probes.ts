import { sql, type Transaction } from 'kysely';
import { isUniqueViolation } from './cloud-page.js';
import type { Database } from './schema.js';

/** The transaction a port write and its probe sync share. */
export type Tx = Transaction<Database>;

/** Where a port's following check probes: the port's protocol, endpoint and frontend port. */
export interface ProbeTarget {
  protocol: string;
  host: string;
  port: number;
}

/** The check following the port, if any (`port_id` is unique). */
export async function findPortCheck(tx: Tx, portId: string): Promise<(ProbeTarget & { id: string }) | undefined> {
  const row = await tx
    .selectFrom('cloud_checks')
    .select(['id', 'protocol', 'host', 'port'])
    .where('port_id', '=', portId)
    .executeTakeFirst();
  return row ? { id: row.id, protocol: row.protocol, host: row.host, port: Number(row.port) } : undefined;
}

/**
 * Points the following check at the port's new target and asks for a fresh answer from
 * Watchpost: `new`, unclaimed, due now and no longer agent-managed (an agent's result was about
 * the old target).
 */
export async function retargetPortCheck(tx: Tx, checkId: string, target: ProbeTarget, now: number): Promise<void> {
  await tx
    .updateTable('cloud_checks')
    .set({
      protocol: target.protocol,
      host: target.host,
      port: target.port,
      status: 'new',
      claimed_at: null,
      next_probe_at: now,
      agent_managed: 0,
      updated_at: now,
    })
    .where('id', '=', checkId)
    .execute();
}

export async function deletePortCheck(tx: Tx, portId: string): Promise<void> {
  await tx.deleteFrom('cloud_checks').where('port_id', '=', portId).execute();
}

/**
 * Runs `write` inside a savepoint and answers false, with its effects undone, when it hit a
 * unique index. The savepoint is what keeps the surrounding transaction usable on PostgreSQL,
 * which refuses every later statement of a transaction once one has failed.
 */
export async function unlessUniqueViolation(tx: Tx, write: () => Promise<void>): Promise<boolean> {
  await sql`SAVEPOINT port_probe`.execute(tx);
  try {
    await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await sql`ROLLBACK TO SAVEPOINT port_probe`.execute(tx);
    await sql`RELEASE SAVEPOINT port_probe`.execute(tx);
    return false;
  }
  await sql`RELEASE SAVEPOINT port_probe`.execute(tx);
  return true;
}
