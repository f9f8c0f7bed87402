// `npm run kb -- <command>`: curation from the command line, against DATABASE_URL (migrated first).
//   keys create --role editor|admin --name <who>   prints the new key once
//   keys list | keys revoke <id>
//   import <files or directories...>               one transaction per article
//   export [--entity <global ID>] [--out <file>]   JSON on stdout or into the file
//   draft <file.txt>... [--published D] [--url U] [--title T] [--out DIR]   no database needed
//   score-draft <gold.json> <draft.json>            precision, recall and F1 per kind
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { Presets, SingleBar } from 'cli-progress';
import { type AccessRole, createApiKey, revokeApiKey } from './auth/api-keys.js';
import { ConfigError, loadConfig } from './config.js';
import { type Db, openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { readArticleFiles } from './ingest/article-format.js';
import { type EntityRef, exportArticles } from './ingest/export-articles.js';
import { type ImportCounts, importArticle, importedKinds } from './ingest/import-article.js';
import { DraftInputError, draftFromText } from './intake/draft.js';
import { formatScore, scoreDraft } from './intake/score.js';
import { readArticleText } from './intake/text-file.js';

class UsageError extends Error {}

const usage = `usage: npm run kb -- <command>
  keys create --role editor|admin --name <who>
  keys list
  keys revoke <id>
  import <file or directory>...
  export [--entity <ID>] [--out <file>]
  draft <file.txt>... [--published YYYY-MM-DD] [--url U] [--title T] [--out DIR]
  score-draft <gold.json> <draft.json>`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (command === 'draft') return draftCommand(rest);
  if (command === 'score-draft') return scoreDraftCommand(rest);
  if (!['keys', 'import', 'export'].includes(command))
    throw new UsageError(`unknown command "${command}"`);
  const { DATABASE_URL } = loadConfig();
  await migrate(DATABASE_URL);
  const database = openDatabase(DATABASE_URL);
  try {
    if (command === 'keys') await keys(database.prisma, rest);
    else if (command === 'import') await importFiles(database.prisma, rest);
    else await exportCommand(database.prisma, rest);
  } finally {
    await database.close();
  }
}

async function keys(prisma: Db, [action, ...args]: string[]) {
  if (action === 'create') {
    const { values } = parseArgs({
      args,
      options: { role: { type: 'string' }, name: { type: 'string' } },
    });
    const role = values.role?.toUpperCase();
    if (role !== 'EDITOR' && role !== 'ADMIN')
      throw new UsageError('--role must be editor or admin');
    if (!values.name?.trim()) throw new UsageError('--name is required (who holds the key)');
    const key = await createApiKey(prisma, values.name.trim(), role as AccessRole);
    process.stderr.write(
      `created key ${key.id} for ${key.name} (${key.role}); it is shown only once:\n`,
    );
    process.stdout.write(`${key.secret}\n`);
  } else if (action === 'list') {
    for (const key of await prisma.apiKey.findMany({ orderBy: { id: 'asc' } })) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      process.stdout.write(`${key.id}\t${key.role}\t${key.name}\t${state}\n`);
    }
  } else if (action === 'revoke') {
    const id = Number(args[0]);
    if (!Number.isSafeInteger(id))
      throw new UsageError('keys revoke needs the key id (see keys list)');
    if (!(await revokeApiKey(prisma, id))) throw new UsageError(`no active key ${id}`);
    process.stderr.write(`revoked key ${id}\n`);
  } else {
    throw new UsageError('keys create | keys list | keys revoke <id>');
  }
}

async function importFiles(prisma: Db, paths: string[]) {
  if (paths.length === 0) throw new UsageError('import needs files or directories');
  const files = (await Promise.all(paths.map(jsonFiles))).flat();
  const totals = { created: zeros(), matched: zeros() };
  const failed: string[] = [];
  let done = 0;
  for (const file of files) {
    progress(done, files.length, file);
    try {
      for (const article of await readArticleFiles(file)) {
        const summary = await importArticle(prisma, article, { via: `import:${file}` });
        for (const kind of importedKinds) {
          totals.created[kind] += summary.created[kind];
          totals.matched[kind] += summary.matched[kind];
        }
      }
    } catch (error) {
      failed.push(`${file}: ${(error as Error).message}`);
    }
    done += 1;
  }
  progress(done, files.length, '');
  process.stderr.write('\n');
  const line = (counts: ImportCounts) =>
    importedKinds
      .filter((kind) => counts[kind] > 0)
      .map((kind) => `${counts[kind]} ${kind}`)
      .join(', ') || 'nothing';
  process.stdout.write(
    `imported ${files.length - failed.length} of ${files.length} files\n` +
      `  created: ${line(totals.created)}\n  matched: ${line(totals.matched)}\n` +
      `  skipped: ${failed.length} files (left unchanged)\n`,
  );
  for (const failure of failed) process.stderr.write(`${failure}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

async function exportCommand(prisma: Db, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { entity: { type: 'string' }, out: { type: 'string' } },
  });
  let entity: EntityRef | undefined;
  if (values.entity) {
    let decoded: { typename: string; id: string } | undefined;
    try {
      decoded = decodeGlobalID(values.entity);
    } catch {}
    if (!decoded || !['Person', 'Country', 'Organization'].includes(decoded.typename)) {
      throw new UsageError('--entity must be the ID of a person, country or organization');
    }
    entity = { type: decoded.typename as EntityRef['type'], id: Number(decoded.id) };
  }
  const json = `${JSON.stringify(await exportArticles(prisma, entity), null, 2)}\n`;
  if (values.out) await writeFile(values.out, json);
  else process.stdout.write(json);
}

async function draftCommand(args: string[]) {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      published: { type: 'string' },
      url: { type: 'string' },
      title: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (files.length === 0) throw new UsageError('draft needs one or more text files');
  if (files.length > 1 && !values.out) {
    throw new UsageError('draft of several files needs --out DIR (one draft per file)');
  }
  if (files.length > 1 && values.title) {
    throw new UsageError('--title names one article; each file has its own first line');
  }
  const draftOf = async (file: string) => {
    const article = await readArticleText(file);
    return draftFromText({
      text: article.text,
      title: values.title ?? article.title,
      publishedOn: values.published,
      url: values.url,
    });
  };
  if (!values.out) {
    const draft = await draftOf(files[0] as string);
    process.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
    process.stderr.write(
      `${draft.statements.length} statements, ${draft.meetings.length} meetings\n`,
    );
    return;
  }
  await mkdir(values.out, { recursive: true });
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'drafting [{bar}] {value}/{total} {file}',
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
  bar.start(files.length, 0, { file: '' });
  const failed: string[] = [];
  for (const file of files) {
    try {
      const draft = await draftOf(file);
      const target = join(values.out, `${basename(file).replace(/\.[^.]*$/, '')}.json`);
      await writeFile(target, `${JSON.stringify(draft, null, 2)}\n`);
    } catch (error) {
      if (!(error instanceof DraftInputError) && (error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw error;
      failed.push(error instanceof DraftInputError ? error.message : `${file}: no such file`);
    }
    bar.increment(1, { file: basename(file) });
  }
  bar.stop();
  process.stdout.write(
    `drafted ${files.length - failed.length} of ${files.length} files into ${values.out}\n`,
  );
  for (const failure of failed) process.stderr.write(`${failure}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

async function scoreDraftCommand(args: string[]) {
  const [goldFile, draftFile, ...extra] = args;
  if (!goldFile || !draftFile || extra.length > 0) {
    throw new UsageError('score-draft needs the gold annotation and the draft');
  }
  const [gold] = await readArticleFiles(goldFile);
  const [draft] = await readArticleFiles(draftFile);
  if (!gold || !draft) throw new UsageError('score-draft needs one article in each file');
  process.stdout.write(`${formatScore(scoreDraft(gold, draft))}\n`);
}

const zeros = () => Object.fromEntries(importedKinds.map((k) => [k, 0])) as ImportCounts;

async function jsonFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() || entry.name.endsWith('.json'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => jsonFiles(join(path, entry.name))),
  );
  return nested.flat();
}

/** A one-line bar on stderr (only on a terminal, so that logs stay clean). */
function progress(done: number, total: number, file: string) {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file.slice(-40).padEnd(40)}`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n${usage}\n`);
  else if (error instanceof DraftInputError)
    process.stderr.write(`${error.code}: ${error.message}\n`);
  else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
