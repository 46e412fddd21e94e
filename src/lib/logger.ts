import { pino, type Logger } from 'pino';

export type { Logger };

export function makeLogger(level: string): Logger {
  return pino({ level, base: undefined });
}

export const silentLogger: Logger = pino({ level: 'silent' });
