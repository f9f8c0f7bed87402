// `npm run build`: bundles the server and the CLI into dist/ for plain `node` (no TypeScript
// loader, no generator at start). Packages stay in node_modules; the generated Prisma clients
// (`npm run generate` first) are bundled in. esbuild rather than tsc: one file per entry, so the
// sources and the generated clients need no emitted tree of their own.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from '../src/project-root.ts';

export const distDir = join(projectRoot, 'dist');

export async function buildDist(): Promise<void> {
  const { outputFiles } = await build({
    entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' },
    absWorkingDir: projectRoot,
    outdir: distDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  for (const file of outputFiles) replaceFile(file.path, file.contents);
  // A worker thread loads its module by path, next to the bundle that starts it.
  replaceFile(
    join(distDir, 'sqlite-reader.worker.mjs'),
    readFileSync(join(projectRoot, 'src', 'db', 'sqlite-reader.worker.mjs')),
  );
}

/** Writes by rename, and only on change: a server starting meanwhile reads the old or new file. */
function replaceFile(path: string, contents: Uint8Array): void {
  if (existsSync(path) && Buffer.from(contents).equals(readFileSync(path))) return;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDist();
  process.stdout.write(`built ${distDir}\n`);
}
