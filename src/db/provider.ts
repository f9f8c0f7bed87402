export type Provider = 'sqlite' | 'postgresql';

export const providers: readonly Provider[] = ['sqlite', 'postgresql'];

/** Which database a URL points at; throws a message fit for an operator on anything else. */
export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL), got "${redact(url)}"`,
  );
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}
