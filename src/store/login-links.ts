import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export async function insertLoginLink(
  db: Kysely<Database>,
  link: { tokenHash: string; userId: number; purpose: string; createdAt: number; expiresAt: number },
): Promise<void> {
  // Expired links are dead weight (the table is small: scanned, not indexed).
  await db.deleteFrom('login_links').where('expires_at', '<=', link.createdAt).execute();
  await db
    .insertInto('login_links')
    .values({
      token_hash: link.tokenHash,
      user_id: link.userId,
      purpose: link.purpose,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
    })
    .execute();
}

// substr rather than LIKE: `_` in a purpose would be a wildcard.
const purposeStartsWith = (prefix: string) => sql<boolean>`substr(purpose, 1, ${prefix.length}) = ${prefix}`;

/**
 * Takes a live link whose purpose starts with `purposePrefix`: one DELETE … RETURNING, so a link
 * works once even when two requests race for it. Undefined when unknown, used or expired.
 */
export async function takeLoginLink(
  db: Kysely<Database>,
  tokenHash: string,
  purposePrefix: string,
  now: number,
): Promise<{ userId: number; purpose: string } | undefined> {
  const row = await db
    .deleteFrom('login_links')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .where(purposeStartsWith(purposePrefix))
    .returning(['user_id', 'purpose'])
    .executeTakeFirst();
  return row && { userId: Number(row.user_id), purpose: row.purpose };
}

/** Whether the link is live (the confirmation page shown before the POST that takes it). */
export async function isLoginLinkLive(
  db: Kysely<Database>,
  tokenHash: string,
  purposePrefix: string,
  now: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('login_links')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .where(purposeStartsWith(purposePrefix))
    .executeTakeFirst();
  return row !== undefined;
}

/** Links past their expiry (creating a link also clears them; this covers quiet installs). */
export async function pruneExpiredLoginLinks(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('login_links').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
