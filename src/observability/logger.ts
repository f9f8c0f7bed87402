import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stdout, one object per event. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'news-knowledge-base' } });
}
