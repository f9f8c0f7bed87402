// What each field is in SQL, read at start-up from the built schema: the Pothos prisma plugin's
// field metadata (exposed columns, relations and related connections, whose Prisma queries are the
// plugin's own select functions run with the request's arguments), the Prisma datamodel, and the
// few translations declared next to their field (src/schema/shared/sql-translation.ts). A field
// that none of them describes is left out, and a query selecting it goes to the resolvers.
import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { getDatamodel } from '../../prisma/generated/sqlite/pothos-types.js';
import { nodeTypes } from '../schema/shared/ids.js';
import {
  isResolversOnly,
  type RootPageQuery,
  sqlTranslationOf,
} from '../schema/shared/sql-translation.js';
import { Unsupported } from './unsupported.js';

export type Args = Record<string, unknown>;

/** A Prisma query as the resolvers would send it: what the compiler translates. */
export type PrismaQuery = {
  where?: unknown;
  orderBy?: unknown;
  take?: number;
  skip?: number;
  cursor?: unknown;
};

export type Field =
  /** A column whose value is already the JSON value (text, number, enum name). */
  | { kind: 'column'; column: string }
  /** The Relay global ID of the row. */
  | { kind: 'id' }
  /** A PartialDate from a (date, precision) column pair. */
  | { kind: 'partialDate'; date: string; precision: string }
  /** The row of `type` that the column `key` refers to. */
  | { kind: 'one'; type: string; key: string }
  /** The first of several optional references that is set (unions and interfaces). */
  | { kind: 'oneOf'; options: { type: string; key: string }[] }
  /** Rows of `type` whose `foreignKey` refers to this row, as the relation's query picks them. */
  | { kind: 'list'; type: string; foreignKey: string; query: QueryOf }
  | ({ kind: 'connection' } & Connection);

/** The field's Prisma query for the request's arguments; throws for arguments it refuses. */
type QueryOf = (args: Args, context: unknown) => PrismaQuery;

export type Connection = {
  /** The model of the edges' rows; their `id` makes the cursor. */
  table: string;
  /** Its column referring to the parent row (none for root connections). */
  foreignKey?: string;
  /** Root connections page themselves; related ones carry the plugin's take/skip/cursor. */
  root: boolean;
  query: QueryOf;
  /** The node's type, and the edge row's column referring to it unless the edge row is the node. */
  node: { type: string; key?: string };
  /** Edge fields read from the edge row's columns. */
  edgeColumns: Record<string, string>;
};

export type Catalog = {
  /** Fields by GraphQL type name; each type's table is its Prisma model. */
  types: Map<string, Map<string, Field>>;
  roots: Map<string, Connection>;
  /** Types whose global IDs `node` resolves to a row of the same name. */
  nodeTypes: Set<string>;
};

type DmmfField = {
  name: string;
  isId?: boolean;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  relationName?: string;
  relationFromFields?: string[];
};

const models = getDatamodel().datamodel.models as unknown as Record<
  string,
  { fields: DmmfField[] }
>;

/** Scalar types whose JSON value is the column's value on both databases (DateTime is not). */
const plainScalars = new Set(['String', 'Int', 'Float', 'Boolean']);

export function modelField(model: string, name: string): DmmfField | undefined {
  return models[model]?.fields.find((field) => field.name === name);
}

/** The column of `model` that refers to the parent in the list relation `relation` (to `id`). */
function backReference(relation: DmmfField): string | undefined {
  const back = models[relation.type]?.fields.find(
    (field) => field.relationName === relation.relationName && field.kind === 'object',
  );
  const keys = back?.relationFromFields ?? [];
  return !back?.isList && keys.length === 1 ? keys[0] : undefined;
}

function referenceOf(relation: DmmfField): string | undefined {
  const keys = relation.relationFromFields ?? [];
  return !relation.isList && keys.length === 1 ? keys[0] : undefined;
}

const catalogs = new WeakMap<GraphQLSchema, Catalog>();

export function catalogOf(schema: GraphQLSchema): Catalog {
  let catalog = catalogs.get(schema);
  if (!catalog) {
    catalog = derive(schema);
    catalogs.set(schema, catalog);
  }
  return catalog;
}

type Extensions = Readonly<Record<string, unknown>>;
type SelectFunction = (
  args: Args,
  context: unknown,
  nested: (query?: unknown, path?: unknown, type?: string) => unknown,
  selection?: () => ReadonlySet<string>,
) => unknown;

/** What a select function's `nestedSelection` returns here: where the node's selection goes. */
const nodeMark = Symbol('node');
type Marked = { [nodeMark]: string | undefined; query: unknown };

function derive(schema: GraphQLSchema): Catalog {
  const types = new Map<string, Map<string, Field>>();
  const modelOf = (typeName: string): string | undefined => {
    const type = schema.getType(typeName);
    const model = type?.extensions?.pothosPrismaModel;
    // Connection and edge types carry the model too; only the model's own type is its rows.
    return typeof model === 'string' && model === typeName && models[model] ? model : undefined;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !modelOf(type.name) || isResolversOnly(type.extensions)) continue;
    const fields = new Map<string, Field>();
    for (const definition of Object.values(type.getFields())) {
      const field = fieldOf(schema, type, definition, modelOf);
      if (field) fields.set(definition.name, field);
    }
    types.set(type.name, fields);
  }
  const roots = new Map<string, Connection>();
  for (const definition of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const translation = sqlTranslationOf(definition.extensions);
    if (translation?.kind !== 'rootPage') continue;
    const node = connectionNodeType(schema, definition);
    const model = node && modelOf(node);
    if (model) roots.set(definition.name, rootConnection(model, translation.query));
  }
  const derivedNodeTypes = new Set(
    [...types.keys()].filter((name) => nodeTypes.has(name) && types.get(name)?.has('id')),
  );
  return { types, roots, nodeTypes: derivedNodeTypes };
}

function rootConnection(model: string, query: RootPageQuery): Connection {
  return {
    table: model,
    root: true,
    query: (args) => {
      const prisma = query(args);
      if (!prisma) throw new Unsupported('root page arguments');
      return prisma;
    },
    node: { type: model },
    edgeColumns: {},
  };
}

function fieldOf(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  definition: GraphQLField<unknown, unknown>,
  modelOf: (typeName: string) => string | undefined,
): Field | undefined {
  const model = type.name;
  const extensions: Extensions = definition.extensions ?? {};
  const translation = sqlTranslationOf(extensions);
  const select = extensions.pothosPrismaSelect;
  if (translation?.kind === 'partialDate') {
    const { date, precision } = translation;
    return modelField(model, date) && modelField(model, precision)
      ? { kind: 'partialDate', date, precision }
      : undefined;
  }
  if (translation?.kind === 'firstRelated' && typeof select === 'function') {
    return firstRelated(model, select as SelectFunction, modelOf);
  }
  if (translation?.kind === 'relatedPage' && typeof select === 'function') {
    return relatedPage(model, select as SelectFunction, translation.edgeColumns ?? {}, modelOf);
  }
  if (definition.name === 'id' && type.getInterfaces().some((i) => i.name === 'Node')) {
    // A prisma node's global ID is its type and the model's @id.
    const id = models[model]?.fields.find((field) => field.isId);
    return id?.name === 'id' ? { kind: 'id' } : undefined;
  }
  const exposed = extensions.pothosExposedField;
  if (typeof exposed === 'string' && !extensions.pothosPrismaRelationField) {
    const column = modelField(model, exposed);
    const plain =
      column?.kind === 'enum' || (column?.kind === 'scalar' && plainScalars.has(column.type));
    return plain && !column.isList ? { kind: 'column', column: exposed } : undefined;
  }
  const relation = extensions.pothosPrismaRelationField as DmmfField | undefined;
  // A relation with a resolve of its own (the plugin keeps it as the fallback) is the resolvers'.
  if (!relation || typeof select !== 'function' || extensions.pothosPrismaFallback) {
    return undefined;
  }
  const target = modelOf(relation.type);
  if (!target) return undefined;
  if (!relation.isList) {
    const key = referenceOf(relation);
    // A to-one relation with a query of its own (a filtered or ordered one) is the resolvers'.
    const query = capturedQuery(select as SelectFunction, {}, undefined);
    const plain = isEmptyQuery(query);
    return key && plain && getNamedType(definition.type).name === target
      ? { kind: 'one', type: target, key }
      : undefined;
  }
  const foreignKey = backReference(relation);
  if (!foreignKey) return undefined;
  const node = connectionNodeType(schema, definition);
  if (node !== undefined) {
    if (node !== target) return undefined;
    return {
      kind: 'connection',
      table: target,
      foreignKey,
      root: false,
      query: (args, context) => capturedQuery(select as SelectFunction, args, context),
      node: { type: target },
      edgeColumns: {},
    };
  }
  if (getNamedType(definition.type).name !== target) return undefined;
  return {
    kind: 'list',
    type: target,
    foreignKey,
    query: (args, context) => capturedQuery(select as SelectFunction, args, context),
  };
}

/** The node type of a connection field, or undefined when the field is not a connection. */
function connectionNodeType(
  schema: GraphQLSchema,
  definition: GraphQLField<unknown, unknown>,
): string | undefined {
  const connection = getNamedType(definition.type);
  if (!isObjectType(connection)) return undefined;
  const edges = connection.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  if (!node || !connection.getFields().pageInfo) return undefined;
  const nodeType = getNamedType(node.type);
  return isObjectType(nodeType) || isUnionType(nodeType)
    ? schema.getType(nodeType.name)?.name
    : undefined;
}

/**
 * The Prisma query a relation field's select function asks for its relation: Pothos's own
 * (the relation's `query`, with take/skip/cursor for connections), as the resolvers run it.
 */
function capturedQuery(select: SelectFunction, args: Args, context: unknown): PrismaQuery {
  let captured: unknown;
  const result = select(
    args,
    context,
    (query) => {
      captured = query;
      return {};
    },
    () => new Set(['edges']),
  );
  if (isThenable(result) || isThenable(captured)) throw new Unsupported('async query');
  const query = typeof captured === 'function' ? captured(args, context) : captured;
  if (isThenable(query)) throw new Unsupported('async query');
  return (query ?? {}) as PrismaQuery;
}

function isEmptyQuery(query: PrismaQuery): boolean {
  return Object.values(query).every((value) => value === undefined);
}

/** The relations a `firstRelated` field's select loads, in order: each a to-one reference. */
function firstRelated(
  model: string,
  select: SelectFunction,
  modelOf: (typeName: string) => string | undefined,
): Field | undefined {
  const selection = selectionOf(
    select({}, undefined, (query, _path, type) => ({ [nodeMark]: type, query })),
  ) as Record<string, Marked>;
  const options: { type: string; key: string }[] = [];
  for (const [name, value] of Object.entries(selection)) {
    const relation = modelField(model, name);
    const key = relation && referenceOf(relation);
    const type = relation && modelOf(relation.type);
    if (!key || !type || value?.[nodeMark] !== type || value.query !== true) return undefined;
    options.push({ type, key });
  }
  return options.length ? { kind: 'oneOf', options } : undefined;
}

/** A connection through a prismaConnectionHelpers query over one list relation of `model`. */
function relatedPage(
  model: string,
  select: SelectFunction,
  edgeColumns: Record<string, string>,
  modelOf: (typeName: string) => string | undefined,
): Field | undefined {
  const probe = helperQuery(select, {}, undefined);
  if (!probe) return undefined;
  const relation = modelField(model, probe.relation);
  const foreignKey = relation?.isList ? backReference(relation) : undefined;
  // The edge rows' model (MeetingParticipant), which need not be a GraphQL type of its own.
  const table = relation?.type;
  if (!foreignKey || !table || !models[table]) return undefined;
  let node: Connection['node'];
  if (probe.nodeRelation) {
    const reference = modelField(table, probe.nodeRelation);
    const key = reference && referenceOf(reference);
    const type = reference && modelOf(reference.type);
    if (!key || !type) return undefined;
    node = { type, key };
  } else {
    const type = modelOf(table);
    if (!type) return undefined;
    node = { type };
  }
  for (const column of Object.values(edgeColumns)) {
    if (!modelField(table, column)) return undefined;
  }
  return {
    kind: 'connection',
    table,
    foreignKey,
    root: false,
    query: (args, context) => {
      const found = helperQuery(select, args, context);
      if (!found || found.relation !== probe.relation) throw new Unsupported('helper query');
      return found.query;
    },
    node,
    edgeColumns,
  };
}

/** The one relation a helper connection's select pages, its query, and the node's relation. */
function helperQuery(
  select: SelectFunction,
  args: Args,
  context: unknown,
): { relation: string; query: PrismaQuery; nodeRelation?: string } | undefined {
  const selection = selectionOf(select(args, context, (query) => ({ [nodeMark]: 'node', query })));
  if (!selection) return undefined;
  const paged = Object.entries(selection).filter(([name]) => name !== 'id');
  const [entry] = paged;
  if (paged.length !== 1 || !entry) return undefined;
  const [relation, query] = entry as [string, PrismaQuery & { select?: Record<string, unknown> }];
  if (typeof query !== 'object' || query === null) return undefined;
  const nodeRelation = Object.entries(query.select ?? {}).find(
    ([, value]) => typeof value === 'object' && value !== null && nodeMark in value,
  )?.[0];
  const { where, orderBy, take, skip, cursor } = query;
  return { relation, query: { where, orderBy, take, skip, cursor }, nodeRelation };
}

/** The fields a select function selects (Pothos wraps them in `select`). */
function selectionOf(result: unknown): Record<string, unknown> | undefined {
  if (isThenable(result) || typeof result !== 'object' || result === null) return undefined;
  const { select, ...rest } = result as { select?: unknown };
  if (Object.keys(rest).length || typeof select !== 'object' || select === null) return undefined;
  return select as Record<string, unknown>;
}

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
