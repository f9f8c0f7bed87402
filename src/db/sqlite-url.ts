import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The file behind a `file:` URL (relative paths from the working directory), its folder created. */
export function sqliteFilePath(url: string): string {
  const path = url.slice('file:'.length).split('?')[0];
  if (!path) throw new Error('DATABASE_URL "file:" names no file');
  const absolute = resolve(path);
  const folder = dirname(absolute);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    throw new Error(`the SQLite folder ${folder} cannot be created or written (${code})`);
  }
  return absolute;
}
