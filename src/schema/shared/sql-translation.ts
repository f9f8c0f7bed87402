// How the few fields that Pothos's prisma metadata does not describe read in SQL, declared in
// their `extensions` next to their definition. src/compiled/ reads everything else (exposed
// columns, relations, related connections) from the plugin's own field metadata; a field with
// neither is answered by the resolvers.

/** The Prisma query a root connection's resolver runs for `args`, or undefined for none. */
export type RootPageQuery = (
  args: Record<string, unknown>,
) => { where?: object; orderBy: unknown } | undefined;

export type SqlTranslation =
  /** A PartialDate from a (date, precision) column pair; null when either is. */
  | { kind: 'partialDate'; date: string; precision: string }
  /** The first of the relations the field's `select` loads that is set (unions, interfaces). */
  | { kind: 'firstRelated' }
  /**
   * A connection paged by a prismaConnectionHelpers query over one relation of the parent (its
   * `select` returns `{ [relation]: helper.getQuery(…) }`); each node is the related row that the
   * helper's `select` marks with `nodeSelection`, or the row itself; `edgeColumns` are the edge
   * fields read from the row.
   */
  | { kind: 'relatedPage'; edgeColumns?: Record<string, string> }
  /** A root connection of the rows its node type is a model of, keyset-paged (shared/keyset.ts). */
  | { kind: 'rootPage'; query: RootPageQuery };

const key = 'kbSqlTranslation';

/** Field `extensions` declaring the field's SQL translation. */
export function sqlTranslation(translation: SqlTranslation) {
  return { [key]: translation };
}

/**
 * Type `extensions` keeping a type's reads with its resolvers: for types whose reads the
 * resolvers check beyond the data (who may see them), which a compiled read would not.
 */
export const resolversOnly = { kbResolversOnly: true };

export function isResolversOnly(extensions: Readonly<Record<string, unknown>> | null | undefined) {
  return extensions?.kbResolversOnly === true;
}

export function sqlTranslationOf(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): SqlTranslation | undefined {
  return extensions?.[key] as SqlTranslation | undefined;
}
