import type { Kysely, Transaction } from 'kysely';
import type { EditableFields } from '../domain/apply-check-changes.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);

function columns(f: EditableFields, alertAfter: number | null) {
  return {
    name: f.name,
    slug: f.slug,
    tags: f.tags,
    description: f.desc,
    kind: f.kind,
    timeout_seconds: f.timeoutSeconds,
    grace_seconds: f.graceSeconds,
    schedule: f.schedule,
    tz: f.tz,
    manual_resume: bit(f.manualResume),
    methods: f.methods,
    start_kw: f.startKw,
    success_kw: f.successKw,
    failure_kw: f.failureKw,
    filter_subject: bit(f.filterSubject),
    filter_body: bit(f.filterBody),
    filter_http_body: bit(f.filterHttpBody),
    filter_default_fail: bit(f.filterDefaultFail),
    alert_after: alertAfter,
  };
}

export async function insertCheckWithFields(
  db: Db,
  check: { code: string; projectId: number; badgeKey: string; createdAt: number; fields: EditableFields },
): Promise<number> {
  const row = await db
    .insertInto('checks')
    .values({
      code: check.code,
      project_id: check.projectId,
      badge_key: check.badgeKey,
      created_at: check.createdAt,
      ...columns(check.fields, null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Compare-and-set on the row version (bumped): false when someone wrote the check meanwhile. */
export async function updateCheckFieldsIfVersion(
  db: Db,
  id: number,
  version: number,
  fields: EditableFields,
  alertAfter: number | null,
): Promise<boolean> {
  const result = await db
    .updateTable('checks')
    .set((eb) => ({ ...columns(fields, alertAfter), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceCheckChannels(db: Db, checkId: number, channelIds: number[]): Promise<void> {
  await db.deleteFrom('checks_channels').where('check_id', '=', checkId).execute();
  if (channelIds.length === 0) return;
  await db
    .insertInto('checks_channels')
    .values(channelIds.map((channel_id) => ({ check_id: checkId, channel_id })))
    .execute();
}

/**
 * Healthchecks' "rename and delete" (spec §1.4): the UUID and slug are changed first, so the
 * check can no longer be pinged even while its history is being deleted.
 */
export async function deleteCheckRow(db: Kysely<Database>, id: number, throwawayCode: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('checks')
      .set((eb) => ({ code: throwawayCode, slug: throwawayCode, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('checks').where('id', '=', id).execute();
  });
}
