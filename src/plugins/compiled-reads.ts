// Query operations that src/compiled/ can translate are answered by one SQL statement that builds
// the JSON in the database; the rest, and any compiled read that fails or finds a node missing,
// go through the resolvers, which give the usual answer or error.
import type { ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { brokenInvariant, compileRead, Unsupported } from '../compiled/compile.js';
import { catalogOf } from '../compiled/derive.js';
import { connectedDatabase } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { requestScope } from './request-scope.js';

export function useCompiledReads(logger: Logger): Plugin {
  return {
    // What each field is in SQL is derived once, when the schema is set, not on the first read.
    onSchemaChange({ schema }) {
      catalogOf(schema);
    },
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const data = await compiledData(args, logger);
        return data ? { data } : executeFn(args);
      });
    },
  };
}

async function compiledData(
  args: ExecutionArgs,
  logger: Logger,
): Promise<Record<string, unknown> | undefined> {
  const database = connectedDatabase();
  if (!database) return undefined;
  let compiled: ReturnType<typeof compileRead>;
  try {
    compiled = compileRead({ ...args, provider: database.provider });
  } catch (error) {
    if (!(error instanceof Unsupported)) logger.warn({ err: error }, 'compiling a read failed');
    return undefined;
  }
  let text: string | null;
  try {
    text = await database.readJson(compiled.sql, compiled.params);
  } catch (error) {
    logger.debug({ err: error }, 'a compiled read failed; the resolvers answer instead');
    return undefined;
  }
  if (text === null || text.includes(brokenInvariant)) return undefined;
  const data = JSON.parse(text) as Record<string, unknown>;
  if (compiled.nullableRoots.some((key) => data[key] == null)) return undefined;
  const scope = requestScope.getStore();
  if (scope) scope.compiled = true;
  return data;
}
