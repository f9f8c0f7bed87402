// `npm run kb -- <command>`: curation from the command line, against DATABASE_URL (migrated first).
//   keys create --role editor|admin --name <who>   prints the new key once
//   keys list | keys revoke <id>
//   import <files or directories...> [--duplicates refuse|use-match|create]   one transaction each
//   export [--entity <global ID>] [--out <file>]   JSON on stdout or into the file
//   draft <file.txt>... [--published D] [--url U] [--title T] [--out DIR] [--offline]
//                                                   linked to DATABASE_URL's base unless --offline
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
import {
  type DuplicatePolicy,
  duplicatePolicies,
  type ImportCounts,
  importArticle,
  importedKinds,
} from './ingest/import-article.js';
import { DraftInputError, draftFromText } from './intake/draft.js';
import { linkDraft } from './intake/link.js';
import { formatScore, scoreDraft } from './intake/score.js';
import { readArticleText } from './intake/text-file.js';

// Exit codes: 2 for a usage mistake, 1 for bad data (an article that does not import), 3 for a
// database that cannot be reached.
class UsageError extends Error {}

const help: Record<string, string> = {
  keys: `npm run kb -- keys create --role editor|admin --name <who>   prints a new API key once
npm run kb -- keys list                                        id, role, holder, state
npm run kb -- keys revoke <id>                                 the key stops working at once`,
  import: `npm run kb -- import <file or directory>... [--duplicates refuse|use-match|create]
  Imports article files (news-kb/article@1 or @1.1, docs/article-format.md), each in one
  transaction; directories are read recursively for *.json. A file that fails is left out whole
  (exit 1). A person or organization named like a stored one is refused unless --duplicates says
  to use the match or to create it anyway.`,
  export: `npm run kb -- export [--entity <ID>] [--out <file>]
  Writes the knowledge (or what concerns one person, country or organization) as article JSON,
  on stdout or into the file.`,
  draft: `npm run kb -- draft <file.txt>... [--published YYYY-MM-DD] [--url U] [--title T] [--out DIR] [--offline]
  Drafts an article document from plain English text (its first line is the headline), linked to
  what DATABASE_URL knows unless --offline: one file without --out to stdout, several files one
  draft each into DIR (docs/intake.md).`,
  'score-draft': `npm run kb -- score-draft <gold.json> <draft.json>
  Precision, recall and F1 per kind of a draft against a gold annotation (docs/intake.md).`,
};

const usage = `usage: npm run kb -- <command> (DATABASE_URL names the database; --help after a command explains it)
${Object.values(help).join('\n')}`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const commandHelp = help[command];
  if (!commandHelp) throw new UsageError(`unknown command "${command}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp}\n`);
    return;
  }
  if (command === 'draft') return draftCommand(rest);
  if (command === 'score-draft') return scoreDraftCommand(rest);
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
    const { values } = parseUsage(args, { role: { type: 'string' }, name: { type: 'string' } });
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

async function importFiles(prisma: Db, args: string[]) {
  const { values, positionals: paths } = parseArgs({
    args,
    allowPositionals: true,
    options: { duplicates: { type: 'string', default: 'refuse' } },
  });
  const duplicates = values.duplicates.toUpperCase().replace('-', '_') as DuplicatePolicy;
  if (!duplicatePolicies.includes(duplicates)) {
    throw new UsageError('--duplicates must be refuse, use-match or create');
  }
  if (paths.length === 0) throw new UsageError('import needs files or directories');
  const files = (await Promise.all(paths.map(jsonFiles))).flat();
  const totals = { created: zeros(), matched: zeros() };
  const failed: string[] = [];
  let done = 0;
  for (const file of files) {
    progress(done, files.length, file);
    try {
      for (const article of await readArticleFiles(file)) {
        const summary = await importArticle(prisma, article, { via: `import:${file}`, duplicates });
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
  const { values } = parseUsage(args, { entity: { type: 'string' }, out: { type: 'string' } });
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
      offline: { type: 'boolean', default: false },
    },
  });
  if (files.length === 0) throw new UsageError('draft needs one or more text files');
  // Linked to the stored entities (refs and candidates) unless --offline: no database then.
  const database = values.offline ? undefined : await openMigrated();
  try {
    await draftFiles(files, values, database?.prisma);
  } finally {
    await database?.close();
  }
}

async function openMigrated() {
  const { DATABASE_URL } = loadConfig();
  await migrate(DATABASE_URL);
  return openDatabase(DATABASE_URL);
}

async function draftFiles(
  files: string[],
  values: { published?: string; url?: string; title?: string; out?: string },
  prisma: Db | undefined,
) {
  if (files.length > 1 && !values.out) {
    throw new UsageError('draft of several files needs --out DIR (one draft per file)');
  }
  if (files.length > 1 && values.title) {
    throw new UsageError('--title names one article; each file has its own first line');
  }
  const draftOf = async (file: string) => {
    const article = await readArticleText(file);
    const draft = draftFromText({
      text: article.text,
      title: values.title ?? article.title,
      publishedOn: values.published,
      url: values.url,
    });
    return prisma ? linkDraft(draft, prisma) : draft;
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

/** Command-line options; an unknown or malformed one is a usage error. */
function parseUsage<O extends Record<string, { type: 'string' }>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const zeros = () => Object.fromEntries(importedKinds.map((k) => [k, 0])) as ImportCounts;

async function jsonFiles(path: string): Promise<string[]> {
  const found = await stat(path).catch(() => null);
  if (!found) throw new UsageError(`${path}: no such file or directory`);
  if (!found.isDirectory()) return [path];
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

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'P1001',
]);

main(process.argv.slice(2)).catch((error: unknown) => {
  const { code } = error as { code?: string };
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n${usage}\n`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof DraftInputError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else if (unreachableCodes.has(code ?? '')) {
    process.stderr.write(`cannot reach the database: ${(error as Error).message}\n`);
    process.exitCode = 3;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
});
