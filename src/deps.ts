import type { Config } from './config.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { Store } from './store/open-store.js';

/** What every use-case receives, explicitly: no singletons, no container. */
export interface Deps {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly config: Config;
  /** SECRET_KEY, or the generated one kept in the database (accounts/secret-key.ts). */
  readonly secretKey: string;
}
