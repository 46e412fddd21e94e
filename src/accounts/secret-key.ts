import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Store } from '../store/open-store.js';
import { insertSettingIfAbsent } from '../store/settings.js';

/**
 * SECRET_KEY keys the HMACs of API keys, badge signatures and tokens. Unset, it is generated on
 * first start and kept in the database, so every node of a cluster shares it (never a constant).
 */
export async function resolveSecretKey(store: Store, config: Config): Promise<string> {
  if (config.secretKey !== null) return config.secretKey;
  return insertSettingIfAbsent(store.db, 'secret_key', randomBytes(32).toString('base64url'));
}
