import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The file behind a `file:` URL (relative paths from the working directory), its folder created. */
export function sqliteFilePath(url: string): string {
  const path = url.slice('file:'.length).split('?')[0];
  if (!path) throw new Error('DATABASE_URL "file:" names no file');
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return absolute;
}
