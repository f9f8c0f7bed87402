// Compiles a query operation into one SQL statement that builds the response's `data` in the
// database, the way a hand-written query would. Only what the schema's metadata describes
// (src/compiled/derive.ts) is translated; anything else (mutations, unknown directives,
// totalCount, backward pages, a nested page after a cursor, fields without a translation) throws
// Unsupported and the resolvers execute the operation.
//
// Bounded by construction: each selection set is collected once per type it is read as (so a
// fragment spread twice in each of 30 others is expanded 30 times, not 2^30), and every step
// spends from a work budget linear in the document's size; past it, the resolvers answer.

import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { decodeGlobalID } from '@pothos/plugin-relay';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Provider } from '../db/provider.js';
import { defaultPageSize, maxPageSize } from '../schema/page-size.js';
import { idCursorPrefix, rowIdOf } from '../schema/shared/ids.js';
import { type Args, type Catalog, type Connection, catalogOf, type Field } from './derive.js';
import { orderTerms, whereSql } from './prisma-args.js';
import { columnOf, type OrderTerm, SqlBuilder } from './sql.js';
import { Unsupported } from './unsupported.js';

export { Unsupported };

/**
 * Stands in the JSON for a required value the data lacks (a statement without a speaker): the
 * resolvers then answer, with the error GraphQL gives for a null in a non-null field.
 */
export const brokenInvariant = '"kb:broken-invariant"';

export type CompiledRead = {
  sql: string;
  params: unknown[];
  /** Root fields whose null answer the resolvers must confirm (node follows merge redirects). */
  nullableRoots: string[];
  /** Work units spent compiling (selections collected, fields merged, values built). */
  work: number;
};

const maxKeys = 50;
/** Work units a document may spend per AST node of its own, and in any case. */
export const workPerNode = 20;
export const baseWork = 1000;

export function compileRead(request: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: { readonly [name: string]: unknown } | null;
  contextValue?: unknown;
  provider: Provider;
  /** Overrides the document's work budget (tests measure work without one). */
  budget?: number;
}): CompiledRead {
  const { schema, document } = request;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (request.operationName ? definition.name?.value === request.operationName : !operation) {
        operation = definition;
      } else if (!request.operationName) {
        throw new Unsupported('several operations');
      }
    }
  }
  if (operation?.operation !== 'query') throw new Unsupported('not a query');
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    request.variableValues ?? {},
  );
  if (coerced.errors) throw new Unsupported('variables');
  const compiler = new Compiler(
    schema,
    catalogOf(schema),
    fragments,
    coerced.coerced,
    request.contextValue,
    request.provider,
    request.budget ?? workBudget(document),
  );
  return compiler.root(operation.selectionSet);
}

/** The work a document may spend: linear in its number of AST nodes. */
export function workBudget(document: DocumentNode): number {
  return baseWork + workPerNode * documentSize(document);
}

/** Selections, arguments and directives in the document, each counted once. */
export function documentSize(document: DocumentNode): number {
  let size = 0;
  const selections = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      size += 1 + (selection.directives?.length ?? 0);
      if (selection.kind === Kind.FIELD) size += selection.arguments?.length ?? 0;
      if (selection.kind !== Kind.FRAGMENT_SPREAD) selections(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    size++;
    if ('selectionSet' in definition) selections(definition.selectionSet);
  }
  return size;
}

/** Fields by response key, each with its distinct field nodes in document order. */
type Collected = Map<string, readonly FieldNode[]>;

class Compiler {
  readonly sql: SqlBuilder;
  work = 0;
  /** Each selection set collected once per type: fragments are expanded once, not per spread. */
  private collected = new Map<SelectionSetNode, Map<string, Collected>>();
  private collecting = new Set<SelectionSetNode>();

  constructor(
    private schema: GraphQLSchema,
    private catalog: Catalog,
    private fragments: Record<string, FragmentDefinitionNode>,
    private variables: Record<string, unknown>,
    private context: unknown,
    provider: Provider,
    private budget: number,
  ) {
    this.sql = new SqlBuilder(provider);
  }

  private spend(units: number) {
    this.work += units;
    if (this.work > this.budget) throw new Unsupported('work budget');
  }

  root(selectionSet: SelectionSetNode): CompiledRead {
    const query = this.schema.getQueryType();
    if (!query) throw new Unsupported('no query type');
    const nullableRoots: string[] = [];
    const pairs: [string, string][] = [];
    for (const [key, nodes] of this.collectSet(selectionSet, query.name)) {
      const [node] = nodes as [FieldNode];
      const name = node.name.value;
      this.spend(1);
      if (name === '__typename') {
        pairs.push([key, this.sql.literal(query.name)]);
        continue;
      }
      const definition = query.getFields()[name];
      const args = this.args(definition, node);
      const connection = this.catalog.roots.get(name);
      if (name === 'node') {
        pairs.push([key, this.node(args.id, nodes)]);
        nullableRoots.push(key);
      } else if (connection) {
        pairs.push([
          key,
          this.connection(connection, undefined, args, this.typeName(definition), nodes),
        ]);
      } else {
        throw new Unsupported(`Query.${name}`);
      }
    }
    const sql = `SELECT ${this.sql.text(this.object(pairs))} AS data`;
    return { sql, params: this.sql.params, nullableRoots, work: this.work };
  }

  private node(id: unknown, nodes: readonly FieldNode[]): string {
    let decoded: { typename: string; id: string };
    try {
      decoded = decodeGlobalID(String(id));
    } catch {
      throw new Unsupported('node id');
    }
    // An ID the resolvers refuse is theirs to refuse, with their error.
    if (!this.catalog.nodeTypes.has(decoded.typename) || rowIdOf(decoded.id) === undefined) {
      throw new Unsupported('node id');
    }
    return this.rowOf(decoded.typename, this.sql.param(Number(decoded.id)), nodes);
  }

  /** The JSON object of the row of `type` whose id is `id` (null when there is none). */
  private rowOf(type: string, id: string, nodes: readonly FieldNode[]): string {
    const alias = this.sql.alias();
    return this.sql.subquery(
      `SELECT ${this.objectOf(type, alias, nodes)} FROM "${type}" ${alias} WHERE ${alias}.id = ${id}`,
    );
  }

  /** The JSON object for a row of `type` under `alias`, with the fields the nodes select. */
  private objectOf(type: string, alias: string, nodes: readonly FieldNode[]): string {
    const fields = this.catalog.types.get(type);
    const graphqlType = this.schema.getType(type);
    if (!fields || !isObjectType(graphqlType)) throw new Unsupported(type);
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(nodes, type)) {
      const [first] = fieldNodes as [FieldNode];
      const name = first.name.value;
      this.spend(1);
      if (name === '__typename') {
        pairs.push([key, this.sql.literal(type)]);
        continue;
      }
      const field = fields.get(name);
      const definition = graphqlType.getFields()[name];
      if (!field || !definition) throw new Unsupported(`${type}.${name}`);
      const args = this.args(definition, first);
      const required = isNonNullType(definition.type);
      pairs.push([
        key,
        this.value(field, type, alias, args, this.typeName(definition), fieldNodes, required),
      ]);
    }
    return this.object(pairs);
  }

  private value(
    field: Field,
    owner: string,
    alias: string,
    args: Args,
    type: string,
    nodes: readonly FieldNode[],
    required: boolean,
  ): string {
    switch (field.kind) {
      case 'column':
        return columnOf(alias, field.column);
      case 'id':
        return this.sql.base64(`${owner}:`, `${alias}.id`);
      case 'partialDate':
        return this.partialDate(alias, field.date, field.precision, nodes);
      case 'one':
        return this.rowOf(field.type, columnOf(alias, field.key), nodes);
      case 'oneOf':
        return `CASE ${field.options
          .map(
            ({ type: option, key }) =>
              `WHEN ${columnOf(alias, key)} IS NOT NULL THEN ${this.rowOf(option, columnOf(alias, key), nodes)}`,
          )
          .join(' ')}${required ? ` ELSE ${this.sql.json(brokenInvariant)}` : ''} END`;
      case 'list': {
        const query = this.prismaQuery(() => field.query(args, this.context));
        const take = query.take;
        if (
          (take !== undefined && !(Number.isInteger(take) && take > 0)) ||
          query.skip ||
          query.cursor ||
          !query.orderBy
        ) {
          throw new Unsupported('list page');
        }
        const rows = this.sql.alias();
        const where = whereSql(query.where ?? {}, field.type, rows, this.sql);
        const order = this.sql.orderBy(rows, orderTerms(query.orderBy));
        const filtered = `FROM "${field.type}" ${rows} WHERE ${columnOf(rows, field.foreignKey)} = ${alias}.id AND ${where}`;
        // The resolvers' `take` caps an unpaged list (src/shared/list-caps.ts).
        const from =
          query.take === undefined
            ? filtered
            : `FROM (SELECT * ${filtered} ORDER BY ${order} LIMIT ${this.sql.param(query.take)}) ${rows}`;
        return this.sql.subquery(
          `SELECT ${this.sql.array(this.objectOf(field.type, rows, nodes), order)} ${from}`,
        );
      }
      case 'connection':
        return this.connection(field, alias, args, type, nodes);
    }
  }

  /** The resolvers' Prisma query; input they refuse is theirs to refuse, with their error. */
  private prismaQuery<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      if (error instanceof Unsupported) throw error;
      throw new Unsupported('input the resolvers refuse');
    }
  }

  /**
   * A forward page as Pothos's connections answer it: edges in order, pageInfo from one row more
   * than the page; after a cursor only at the root, by key.
   */
  private connection(
    spec: Connection,
    parent: string | undefined,
    args: Args,
    type: string,
    nodes: readonly FieldNode[],
  ): string {
    for (const name of ['before', 'last']) {
      if (args[name] != null) throw new Unsupported(name);
    }
    const first = args.first ?? defaultPageSize;
    if (typeof first !== 'number' || first < 1 || first > maxPageSize) {
      throw new Unsupported('first');
    }
    const query = this.prismaQuery(() => spec.query(args, this.context));
    // Related pages carry Pothos's own take (one more than the page): a size of their own stays
    // with the resolvers. Nested pages after a cursor are rare; root ones are paged by key.
    if (!spec.root && (query.take !== first + 1 || query.skip || query.cursor)) {
      throw new Unsupported('related page');
    }
    const after = args.after == null ? undefined : cursorKey(args.after);
    if (after !== undefined && !spec.root) throw new Unsupported('after');
    const sql = this.sql;
    const rows = sql.alias();
    const order = orderTerms(query.orderBy ?? { id: 'asc' });
    const conditions = [
      spec.foreignKey && parent ? `${columnOf(rows, spec.foreignKey)} = ${parent}.id` : undefined,
      query.where === undefined ? undefined : whereSql(query.where, spec.table, rows, sql),
    ].filter((condition): condition is string => Boolean(condition));
    const selected = this.collect(nodes, type);
    const orderBy = sql.orderBy(rows, order);
    const cursor = sql.base64(idCursorPrefix, `${rows}.id`);
    // pageInfo needs one row more than the page, numbered; edges alone need only the page.
    const numbered = [...selected.values()].some((n) => n[0]?.name.value === 'pageInfo');
    const page = sql.param(first);
    const limit = numbered ? sql.param(first + 1) : page;
    const pageRows =
      after === undefined
        ? `SELECT * FROM "${spec.table}" ${rows}${whereOf(conditions)} ORDER BY ${orderBy} LIMIT ${limit}`
        : this.rowsAfter(spec, order, rows, conditions, sql.param(after), limit);
    const source = numbered
      ? `SELECT ${rows}.*, row_number() OVER (ORDER BY ${orderBy}) AS kb_rn, count(*) OVER () AS kb_n FROM (${pageRows}) ${rows}`
      : pageRows;
    const [rank, inPage] = numbered ? [`${rows}.kb_rn`, `${rows}.kb_rn <= ${page}`] : [orderBy];
    const hasPreviousPage = after === undefined ? sql.false : sql.true;

    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of selected) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      this.spend(1);
      if (name === 'edges') {
        const edgeType = this.fieldTypeOf(type, 'edges');
        pairs.push([
          key,
          sql.array(this.edge(spec, edgeType, rows, cursor, fieldNodes), rank, inPage),
        ]);
      } else if (name === 'pageInfo') {
        pairs.push([key, this.pageInfo(rows, cursor, page, hasPreviousPage, fieldNodes)]);
      } else if (name === '__typename') {
        pairs.push([key, sql.literal(type)]);
      } else {
        throw new Unsupported(`${type}.${name}`);
      }
    }
    return sql.subquery(`SELECT ${this.object(pairs)} FROM (${source}) ${rows}`);
  }

  private edge(
    spec: Connection,
    edgeType: string,
    rows: string,
    cursor: string,
    nodes: readonly FieldNode[],
  ): string {
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(nodes, edgeType)) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      const edgeColumn = spec.edgeColumns[name];
      this.spend(1);
      if (name === 'cursor') {
        pairs.push([key, cursor]);
      } else if (name === '__typename') {
        pairs.push([key, this.sql.literal(edgeType)]);
      } else if (edgeColumn) {
        pairs.push([key, columnOf(rows, edgeColumn)]);
      } else if (name === 'node') {
        const { type, key: reference } = spec.node;
        pairs.push([
          key,
          reference
            ? this.rowOf(type, columnOf(rows, reference), fieldNodes)
            : this.objectOf(type, rows, fieldNodes),
        ]);
      } else {
        throw new Unsupported(`${edgeType}.${name}`);
      }
    }
    return this.object(pairs);
  }

  /**
   * The rows after the cursor's row in a (column, id) order with undated rows last, as keysetPage
   * reads them: those beyond the anchor's value, then the undated ones; none when the anchor is gone.
   */
  private rowsAfter(
    spec: Connection,
    order: OrderTerm[],
    rows: string,
    conditions: string[],
    anchorId: string,
    limit: string,
  ): string {
    const [term, tieBreak] = order;
    if (!term || tieBreak?.column !== 'id' || order.length !== 2) throw new Unsupported('order');
    const sql = this.sql;
    const column = columnOf(rows, term.column);
    const anchor = `(SELECT "${term.column}" FROM "${spec.table}" WHERE id = ${anchorId})`;
    const [beyond, reached] = term.direction === 'asc' ? ['>', '>='] : ['<', '<='];
    const plain = { column: term.column, direction: term.direction };
    const dated = `SELECT * FROM "${spec.table}" ${rows}${whereOf([
      ...conditions,
      `${column} ${reached} ${anchor}`,
      `(${column} ${beyond} ${anchor} OR ${rows}.id ${beyond} ${anchorId})`,
    ])} ORDER BY ${sql.orderBy(rows, [plain, tieBreak])} LIMIT ${limit}`;
    if (term.nulls !== 'last') return dated;
    const undated = `SELECT * FROM "${spec.table}" ${rows}${whereOf([
      ...conditions,
      `${column} IS NULL`,
      `EXISTS (SELECT 1 FROM "${spec.table}" WHERE id = ${anchorId})`,
      `(${anchor} IS NOT NULL OR ${rows}.id ${beyond} ${anchorId})`,
    ])} ORDER BY ${sql.orderBy(rows, [tieBreak])} LIMIT ${limit}`;
    return `SELECT * FROM (SELECT * FROM (${dated}) ${rows} UNION ALL SELECT * FROM (${undated}) ${rows}) ${rows} ORDER BY ${sql.orderBy(rows, order)} LIMIT ${limit}`;
  }

  private pageInfo(
    rows: string,
    cursor: string,
    page: string,
    hasPreviousPage: string,
    nodes: readonly FieldNode[],
  ): string {
    const sql = this.sql;
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(nodes, 'PageInfo')) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      this.spend(1);
      const value = {
        hasNextPage: () => sql.bool(`count(*) > ${page}`),
        hasPreviousPage: () => hasPreviousPage,
        startCursor: () => `max(CASE WHEN ${rows}.kb_rn = 1 THEN ${cursor} END)`,
        endCursor: () =>
          `max(CASE WHEN ${rows}.kb_rn = ${sql.least(`${rows}.kb_n`, page)} THEN ${cursor} END)`,
        __typename: () => sql.literal('PageInfo'),
      }[name];
      if (!value) throw new Unsupported(`PageInfo.${name}`);
      pairs.push([key, value()]);
    }
    return this.object(pairs);
  }

  private partialDate(
    alias: string,
    dateColumn: string,
    precisionColumn: string,
    nodes: readonly FieldNode[],
  ) {
    const sql = this.sql;
    const date = columnOf(alias, dateColumn);
    const precision = columnOf(alias, precisionColumn);
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(nodes, 'PartialDate')) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      this.spend(1);
      const value = {
        text: () =>
          `CASE ${precision} WHEN 'DAY' THEN ${sql.isoPrefix(date, 10)} WHEN 'MONTH' THEN ${sql.isoPrefix(date, 7)} ELSE ${sql.isoPrefix(date, 4)} END`,
        precision: () => precision,
        date: () => sql.isoPrefix(date, 10),
        lastDate: () => sql.lastDay(date, precision),
        __typename: () => sql.literal('PartialDate'),
      }[name];
      if (!value) throw new Unsupported(`PartialDate.${name}`);
      pairs.push([key, value()]);
    }
    return `CASE WHEN ${date} IS NOT NULL AND ${precision} IS NOT NULL THEN ${this.object(pairs)} END`;
  }

  private object(pairs: [string, string][]): string {
    if (pairs.length > maxKeys) throw new Unsupported('too many keys');
    return this.sql.object(pairs);
  }

  /** The fields the field nodes' selection sets select on an object of `type`, merged by key. */
  private collect(nodes: readonly FieldNode[], type: string): Collected {
    const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    const [only] = sets;
    if (sets.length === 1 && only) return this.collectSet(only, type);
    const into: Collected = new Map();
    const owned = new Set<FieldNode[]>();
    for (const set of sets) this.merge(into, this.collectSet(set, type), owned);
    return into;
  }

  /** The fields `set` selects on an object of `type`, as GraphQL's CollectFields merges them. */
  private collectSet(set: SelectionSetNode, type: string): Collected {
    let byType = this.collected.get(set);
    const known = byType?.get(type);
    if (known) return known;
    // Validation refuses fragment cycles; this only keeps an unvalidated document from looping.
    if (this.collecting.has(set)) throw new Unsupported('fragment cycle');
    this.collecting.add(set);
    const into: Collected = new Map();
    const owned = new Set<FieldNode[]>();
    for (const selection of set.selections) {
      this.spend(1);
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        this.add(into, selection.alias?.value ?? selection.name.value, [selection], owned);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (!condition || this.applies(condition, type)) {
          this.merge(into, this.collectSet(selection.selectionSet, type), owned);
        }
      } else {
        const fragment = this.fragments[selection.name.value];
        if (!fragment) throw new Unsupported('unknown fragment');
        if (this.applies(fragment.typeCondition.name.value, type)) {
          this.merge(into, this.collectSet(fragment.selectionSet, type), owned);
        }
      }
    }
    this.collecting.delete(set);
    if (!byType) {
      byType = new Map();
      this.collected.set(set, byType);
    }
    byType.set(type, into);
    return into;
  }

  /** Adds `from`'s fields to `into`. */
  private merge(into: Collected, from: Collected, owned: Set<FieldNode[]>) {
    for (const [key, nodes] of from) this.add(into, key, nodes, owned);
  }

  /**
   * Adds field nodes under `key`, once each. Lists the memos share are copied before they grow;
   * `owned` holds those this collection made, which grow in place.
   */
  private add(into: Collected, key: string, nodes: readonly FieldNode[], owned: Set<FieldNode[]>) {
    this.spend(nodes.length);
    const existing = into.get(key);
    if (!existing) {
      into.set(key, nodes);
      return;
    }
    let list = existing as FieldNode[];
    for (const node of nodes) {
      // Nodes under one key are few; a long list pays for each scan from the budget.
      this.spend(list.length);
      if (list.includes(node)) continue;
      if (!owned.has(list)) {
        list = [...list];
        owned.add(list);
        this.spend(list.length);
        into.set(key, list);
      }
      list.push(node);
    }
  }

  /** @include and @skip as GraphQL applies them; any other directive is the resolvers'. */
  private included(selection: SelectionNode): boolean {
    for (const directive of selection.directives ?? []) {
      const name = directive.name.value;
      if (name !== GraphQLIncludeDirective.name && name !== GraphQLSkipDirective.name) {
        throw new Unsupported(`@${name}`);
      }
    }
    if (!selection.directives?.length) return true;
    const skip = getDirectiveValues(GraphQLSkipDirective, selection, this.variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, selection, this.variables);
    return include?.if !== false;
  }

  private applies(condition: string, type: string): boolean {
    if (condition === type) return true;
    const abstract = this.schema.getType(condition);
    const concrete = this.schema.getType(type);
    return (
      isAbstractType(abstract) &&
      isObjectType(concrete) &&
      this.schema.isSubType(abstract, concrete)
    );
  }

  private args(definition: GraphQLField<unknown, unknown> | undefined, node: FieldNode): Args {
    if (!definition) throw new Unsupported(node.name.value);
    return getArgumentValues(definition, node, this.variables);
  }

  private typeName(definition: GraphQLField<unknown, unknown> | undefined): string {
    if (!definition) throw new Unsupported('field');
    return getNamedType(definition.type).name;
  }

  private fieldTypeOf(type: string, field: string): string {
    const graphqlType = this.schema.getType(type);
    if (!isObjectType(graphqlType)) throw new Unsupported(type);
    return this.typeName(graphqlType.getFields()[field]);
  }
}

function whereOf(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** The row id in a Pothos cursor; anything else is the resolvers' to refuse. */
function cursorKey(cursor: unknown): number {
  let key: unknown;
  try {
    key = parsePrismaCursor(cursor);
  } catch {
    throw new Unsupported('cursor');
  }
  if (typeof key !== 'number' || rowIdOf(String(key)) === undefined) {
    throw new Unsupported('cursor');
  }
  return key;
}
