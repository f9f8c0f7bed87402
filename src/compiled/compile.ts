// Compiles a query operation into one SQL statement that builds the response's `data` in the
// database, the way a hand-written query would. Only what src/compiled/catalog.ts describes is
// translated; anything else (mutations, directives, totalCount, backward pages, a nested page
// after a cursor, unknown fields) throws Unsupported and the resolvers execute the operation.

import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { decodeGlobalID } from '@pothos/plugin-relay';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Provider } from '../db/provider.js';
import { rowIdOf } from '../schema/shared/ids.js';
import { type Args, type Connection, catalog, type Field, rootConnections } from './catalog.js';
import { Unsupported, whereSql } from './prisma-args.js';
import { columnOf, type OrderTerm, SqlBuilder } from './sql.js';

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
};

/** A row id as the schema's IDs and cursors carry it (src/schema/builder.ts). */
const nodeTypes = new Set<string>(
  Object.keys(catalog).filter((type) => 'id' in (catalog[type] ?? {})),
);
const defaultPageSize = 20;
const maxPageSize = 100;
const maxKeys = 50;

export function compileRead(request: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: { readonly [name: string]: unknown } | null;
  provider: Provider;
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
  const compiler = new Compiler(schema, fragments, coerced.coerced, request.provider);
  return compiler.root(operation.selectionSet);
}

class Compiler {
  readonly sql: SqlBuilder;

  constructor(
    private schema: GraphQLSchema,
    private fragments: Record<string, FragmentDefinitionNode>,
    private variables: Record<string, unknown>,
    provider: Provider,
  ) {
    this.sql = new SqlBuilder(provider);
  }

  root(selectionSet: SelectionSetNode): CompiledRead {
    const query = this.schema.getQueryType();
    if (!query) throw new Unsupported('no query type');
    const nullableRoots: string[] = [];
    const pairs: [string, string][] = [];
    for (const [key, nodes] of this.collect([selectionSet], query.name)) {
      const [node] = nodes as [FieldNode];
      const name = node.name.value;
      if (name === '__typename') {
        pairs.push([key, this.sql.literal(query.name)]);
        continue;
      }
      const args = this.args(query.getFields()[name], node);
      if (name === 'node') {
        pairs.push([key, this.node(args.id, nodes)]);
        nullableRoots.push(key);
      } else if (rootConnections[name]) {
        const type = this.typeName(query.getFields()[name]);
        pairs.push([key, this.connection(rootConnections[name], undefined, args, type, nodes)]);
      } else {
        throw new Unsupported(`Query.${name}`);
      }
    }
    const sql = `SELECT ${this.sql.text(this.object(pairs))} AS data`;
    return { sql, params: this.sql.params, nullableRoots };
  }

  private node(id: unknown, nodes: FieldNode[]): string {
    let decoded: { typename: string; id: string };
    try {
      decoded = decodeGlobalID(String(id));
    } catch {
      throw new Unsupported('node id');
    }
    // An ID the resolvers refuse is theirs to refuse, with their error.
    if (!nodeTypes.has(decoded.typename) || rowIdOf(decoded.id) === undefined) {
      throw new Unsupported('node id');
    }
    return this.rowOf(decoded.typename, this.sql.param(Number(decoded.id)), nodes);
  }

  /** The JSON object of the row of `type` whose id is `id` (null when there is none). */
  private rowOf(type: string, id: string, nodes: FieldNode[]): string {
    const alias = this.sql.alias();
    return this.sql.subquery(
      `SELECT ${this.objectOf(type, alias, nodes)} FROM "${type}" ${alias} WHERE ${alias}.id = ${id}`,
    );
  }

  /** The JSON object for a row of `type` under `alias`, with the fields the nodes select. */
  private objectOf(type: string, alias: string, nodes: FieldNode[]): string {
    const fields = catalog[type];
    if (!fields) throw new Unsupported(type);
    const graphqlType = this.schema.getType(type);
    if (!isObjectType(graphqlType)) throw new Unsupported(type);
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(selectionsOf(nodes), type)) {
      const [first] = fieldNodes as [FieldNode];
      const name = first.name.value;
      if (name === '__typename') {
        pairs.push([key, this.sql.literal(type)]);
        continue;
      }
      const field = fields[name];
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
    nodes: FieldNode[],
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
        const rows = this.sql.alias();
        const where = whereSql(field.where ?? {}, rows, this.sql);
        const order = this.sql.orderBy(rows, field.order);
        const filtered = `FROM "${field.type}" ${rows} WHERE ${columnOf(rows, field.foreignKey)} = ${alias}.id AND ${where}`;
        const from =
          field.take === undefined
            ? filtered
            : `FROM (SELECT * ${filtered} ORDER BY ${order} LIMIT ${field.take}) ${rows}`;
        return this.sql.subquery(
          `SELECT ${this.sql.array(this.objectOf(field.type, rows, nodes), order)} ${from}`,
        );
      }
      case 'connection':
        return this.connection(field, alias, args, type, nodes);
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
    nodes: FieldNode[],
  ): string {
    for (const name of ['before', 'last']) {
      if (args[name] != null) throw new Unsupported(name);
    }
    const known = ['first', 'after', 'before', 'last', ...(spec.accepts ?? [])];
    for (const [name, value] of Object.entries(args)) {
      if (value != null && !known.includes(name)) throw new Unsupported(name);
    }
    const first = args.first ?? defaultPageSize;
    if (typeof first !== 'number' || first < 1 || first > maxPageSize) {
      throw new Unsupported('first');
    }
    // Nested pages after a cursor are rare; root ones are paged by key (src/schema/shared/keyset.ts).
    const after = args.after == null ? undefined : cursorKey(args.after);
    if (after !== undefined && spec.foreignKey) throw new Unsupported('after');
    const sql = this.sql;
    const rows = sql.alias();
    const order = typeof spec.order === 'function' ? spec.order(args) : spec.order;
    const conditions = [
      spec.foreignKey && parent ? `${columnOf(rows, spec.foreignKey)} = ${parent}.id` : undefined,
      spec.where?.(args, sql, rows),
    ].filter((condition): condition is string => Boolean(condition));
    const selected = this.collect(selectionsOf(nodes), type);
    const orderBy = sql.orderBy(rows, order);
    const cursor = sql.base64('GPC:N:', `${rows}.id`);
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
    nodes: FieldNode[],
  ): string {
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(selectionsOf(nodes), edgeType)) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      const edgeColumn = spec.edgeFields?.[name];
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
    nodes: FieldNode[],
  ): string {
    const sql = this.sql;
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(selectionsOf(nodes), 'PageInfo')) {
      const name = (fieldNodes[0] as FieldNode).name.value;
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
    nodes: FieldNode[],
  ) {
    const sql = this.sql;
    const date = columnOf(alias, dateColumn);
    const precision = columnOf(alias, precisionColumn);
    const pairs: [string, string][] = [];
    for (const [key, fieldNodes] of this.collect(selectionsOf(nodes), 'PartialDate')) {
      const name = (fieldNodes[0] as FieldNode).name.value;
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

  /** The fields selected on an object of `type`, merged by response key as GraphQL does. */
  private collect(
    selectionSets: SelectionSetNode[],
    type: string,
    into = new Map<string, FieldNode[]>(),
  ): Map<string, FieldNode[]> {
    for (const selectionSet of selectionSets) {
      for (const selection of selectionSet.selections) {
        if (selection.directives?.length) throw new Unsupported('directives');
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          into.set(key, [...(into.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition?.name.value;
          if (!condition || this.applies(condition, type)) {
            this.collect([selection.selectionSet], type, into);
          }
        } else {
          const fragment = this.fragments[selection.name.value];
          if (!fragment) throw new Unsupported('unknown fragment');
          if (fragment.directives?.length) throw new Unsupported('directives');
          if (this.applies(fragment.typeCondition.name.value, type)) {
            this.collect([fragment.selectionSet], type, into);
          }
        }
      }
    }
    return into;
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
  if (typeof key !== 'number' || rowIdOf(String(key)) === undefined)
    throw new Unsupported('cursor');
  return key;
}

function selectionsOf(nodes: FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}
