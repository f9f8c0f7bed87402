// Derives one Prisma schema per provider from prisma/schema.prisma and generates a client
// (plus Pothos types) for each. Skips a provider whose inputs have not changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Provider, providers } from '../src/db/provider.ts';
import { providerSchema } from '../src/db/provider-schema.ts';
import { prismaDir } from '../src/project-root.ts';

const require = createRequire(import.meta.url);

function generate(provider: Provider, force: boolean): void {
  const outDir = join(prismaDir, 'generated', provider);
  const schemaPath = join(outDir, 'schema.prisma');
  const schema = providerSchema(provider);
  const prismaVersion = require('prisma/package.json').version as string;
  const hash = createHash('sha256').update(prismaVersion).update(schema).digest('hex');
  const hashPath = join(outDir, '.inputs-hash');
  if (!force && existsSync(hashPath) && readFileSync(hashPath, 'utf8') === hash) return;

  mkdirSync(outDir, { recursive: true });
  writeFileSync(schemaPath, schema);
  // `prisma generate` does not need the native schema engine, but the CLI tries to download it
  // at start-up unless told where one is; offline that download fails, so point it at any file.
  const env = { ...process.env };
  env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
  const cli = require.resolve('prisma/build/index.js');
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schemaPath], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`prisma generate failed for ${provider}`);
  }
  writeFileSync(hashPath, hash);
  process.stdout.write(`generated the ${provider} client\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  for (const provider of providers) generate(provider, force);
}
