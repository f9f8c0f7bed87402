// GitHub's rules for connections: every connection needs `first` or `last` between 1 and the page
// limit, and the worst-case number of nodes a query can return (each connection's page size, and
// each list's longest length, times the items of the lists around it) must stay under a limit.
// Variables count as much as literals, and the check runs before any resolver, so no SQL is sent
// for a rejected query. The same walk refuses forged cursors and over-long list arguments.
import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { cursorToOffset } from '@pothos/plugin-relay';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../schema/shared/errors.js';
import { maxRowId, rowIdOf } from '../schema/shared/ids.js';
import { listCaps } from '../shared/list-caps.js';
import { requestScope } from './request-scope.js';

const maxPageSize = 100;

/** The most entries any list argument may hold (titles, IDs, filters' AND/OR...). */
export const maxListArgumentLength = 100;

/**
 * The most items each list field returns: a number, or the argument that bounds it (its value, or
 * its length for a list). Connections' `edges` are bounded by their `first`/`last`. A test checks
 * that every list field of the schema is here.
 */
export const listBounds: Record<string, number | { argument: string }> = {
  'Person.aliases': listCaps.aliases,
  'Country.aliases': listCaps.aliases,
  'Organization.aliases': listCaps.aliases,
  'Person.externalIds': listCaps.externalIds,
  'Country.externalIds': listCaps.externalIds,
  'Organization.externalIds': listCaps.externalIds,
  'Person.mentionedWith': { argument: 'first' },
  'Country.mentionedWith': { argument: 'first' },
  'Organization.mentionedWith': { argument: 'first' },
  'Person.currentRoles': listCaps.currentRoles,
  'Statement.speakerRoles': listCaps.speakerRoles,
  'Statement.about': listCaps.about,
  'Statement.respondsTo': listCaps.statementRelations,
  'Statement.responses': listCaps.statementRelations,
  'Query.nodes': { argument: 'ids' },
  'Query.statementCounts': { argument: 'first' },
  // A path has at most path(maxDepth:)'s limit of steps.
  'EntityPath.steps': 6,
  // Mutation error payloads: an input's path, one issue per input field.
  'FieldIssue.path': 20,
  'NotFoundError.path': 20,
  'ValidationError.issues': 100,
};

/** Whether `field` of `typeName` is a connection's edges, bounded by the connection's page. */
const isEdges = (typeName: string, field: string) =>
  field === 'edges' && typeName.endsWith('Connection');

type Walk = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Nodes per parent of each fragment: a fragment spread twice in each of 30 others is walked once. */
  fragmentNodes: Map<string, number>;
};

function fieldsOf(
  schema: GraphQLSchema,
  typeName: string,
): Map<string, GraphQLField<unknown, unknown>> {
  const type = schema.getType(typeName);
  const fields = new Map<string, GraphQLField<unknown, unknown>>();
  const add = (object: GraphQLObjectType) => {
    for (const [name, field] of Object.entries(object.getFields())) fields.set(name, field);
  };
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const [name, field] of Object.entries(type.getFields())) {
      fields.set(name, field as GraphQLField<unknown, unknown>);
    }
  }
  if (isUnionType(type)) for (const member of type.getTypes()) add(member);
  return fields;
}

function connectionError(path: string, reason: string): GraphQLError {
  return new GraphQLError(`${path}: ${reason}`, {
    extensions: { code: 'CONNECTION_ARGUMENTS_INVALID', http: { status: 400 } },
  });
}

/** The longest the list field can be, by its declared bound (for abstract types, their members'). */
function listBound(
  walk: Walk,
  typeName: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  const type = walk.schema.getType(typeName);
  const owners =
    isUnionType(type) || isInterfaceType(type)
      ? walk.schema.getPossibleTypes(type).map((member) => member.name)
      : [typeName];
  let longest = 0;
  for (const owner of owners) {
    const bound = listBounds[`${owner}.${field.name}`] ?? maxPageSize;
    const value = typeof bound === 'number' ? bound : args[bound.argument];
    const length = Array.isArray(value) ? value.length : typeof value === 'number' ? value : 1;
    longest = Math.max(longest, length);
  }
  return Math.max(0, longest);
}

/** A cursor this server hands out: a row's key (Prisma connections) or an offset (the others). */
function isServerCursor(cursor: string): boolean {
  try {
    const key = parsePrismaCursor(cursor);
    if (typeof key === 'number' && rowIdOf(String(key)) !== undefined) return true;
  } catch {}
  try {
    const offset = cursorToOffset(cursor);
    return Number.isSafeInteger(offset) && offset >= 0 && offset <= maxRowId;
  } catch {
    return false;
  }
}

/** Refuses, before any SQL, list arguments longer than the limit anywhere in `value`. */
function checkListLengths(type: GraphQLInputType, value: unknown, argument: string): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return;
    if (value.length > maxListArgumentLength) {
      throw badInput(
        argument,
        `at most ${maxListArgumentLength} entries are accepted, got ${value.length}`,
      );
    }
    for (const item of value) checkListLengths(nullable.ofType, item, argument);
  } else if (isInputObjectType(nullable)) {
    for (const [name, field] of Object.entries(nullable.getFields())) {
      checkListLengths(field.type, (value as Record<string, unknown>)[name], `${argument}.${name}`);
    }
  }
}

function checkArguments(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  fieldPath: string,
) {
  for (const argument of field.args) {
    const value = args[argument.name];
    if ((argument.name === 'after' || argument.name === 'before') && typeof value === 'string') {
      if (!isServerCursor(value)) {
        throw badInput(
          `${fieldPath}.${argument.name}`,
          `"${value.slice(0, 100)}" is not a cursor of this connection`,
        );
      }
    }
    checkListLengths(argument.type, value, `${fieldPath}.${argument.name}`);
  }
}

/** The number of nodes the selection may return at most, given `multiplier` parents. */
function nodesOf(
  walk: Walk,
  selectionSet: SelectionSetNode | undefined,
  typeName: string,
  multiplier: number,
  path: string,
): number {
  if (!selectionSet) return 0;
  let total = 0;
  // Selections on one object type of an abstract one: an item is of one type, so the worst case
  // is the costliest type's, not their sum.
  const byType = new Map<string, number>();
  const fields = fieldsOf(walk.schema, typeName);
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition?.name.value ?? typeName;
      const nodes = nodesOf(walk, selection.selectionSet, type, multiplier, path);
      if (exclusive(walk, typeName, type)) byType.set(type, (byType.get(type) ?? 0) + nodes);
      else total += nodes;
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      if (!fragment) continue;
      let perParent = walk.fragmentNodes.get(name);
      if (perParent === undefined) {
        perParent = nodesOf(
          walk,
          fragment.selectionSet,
          fragment.typeCondition.name.value,
          1,
          path,
        );
        walk.fragmentNodes.set(name, perParent);
      }
      const type = fragment.typeCondition.name.value;
      if (exclusive(walk, typeName, type)) {
        byType.set(type, (byType.get(type) ?? 0) + multiplier * perParent);
      } else {
        total += multiplier * perParent;
      }
      continue;
    }
    const field = fields.get(selection.name.value);
    if (!field) continue;
    const fieldPath = path ? `${path}.${selection.name.value}` : selection.name.value;
    const returnType = getNamedType(field.type);
    const args =
      field.args.length > 0
        ? (getArgumentValues(field, selection, walk.variables) as Record<string, unknown> & {
            first?: number | null;
            last?: number | null;
          })
        : {};
    let pages = multiplier;
    if (returnType.name.endsWith('Connection') && field.args.some((a) => a.name === 'first')) {
      const size = args.first ?? args.last;
      if (size == null) {
        throw connectionError(fieldPath, `first or last is required (1 to ${maxPageSize})`);
      }
      if (args.first != null && args.last != null) {
        throw connectionError(fieldPath, 'give first or last, not both');
      }
      if (size < 1 || size > maxPageSize) {
        throw connectionError(
          fieldPath,
          `first and last must be between 1 and ${maxPageSize}, got ${size}`,
        );
      }
      pages = multiplier * size;
      total += pages;
    } else if (selection.name.value === 'nodes') {
      const { ids } = args as { ids?: unknown[] };
      if (Array.isArray(ids) && ids.length > maxPageSize) {
        throw connectionError(fieldPath, `at most ${maxPageSize} ids, got ${ids.length}`);
      }
    }
    checkArguments(field, args, fieldPath);
    if (isListType(getNullableType(field.type)) && !isEdges(typeName, field.name)) {
      pages = multiplier * listBound(walk, typeName, field, args);
      // Items that are objects are nodes; a list of strings or enums adds no node.
      if (!isLeafType(returnType)) total += pages;
    }
    total += nodesOf(walk, selection.selectionSet, returnType.name, pages, fieldPath);
  }
  return total + Math.max(0, ...byType.values());
}

/** Whether `condition` is an object type narrowing the abstract `typeName`. */
function exclusive(walk: Walk, typeName: string, condition: string): boolean {
  return condition !== typeName && isObjectType(walk.schema.getType(condition));
}

/** The worst-case node count of the operation; throws a coded error for invalid connections. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations[0];
  if (!operation) return 0;
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const walk = { schema, fragments, variables, fragmentNodes: new Map<string, number>() };
  return nodesOf(walk, operation.selectionSet, root.name, 1, '');
}

export function useCostLimit(maxNodes: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      try {
        const cost = queryCost(
          args.schema,
          args.document,
          args.operationName,
          (args.variableValues ?? {}) as Record<string, unknown>,
        );
        const scope = requestScope.getStore();
        if (scope) scope.cost = cost;
        (args.contextValue as { cost?: number }).cost = cost;
        if (cost > maxNodes) {
          throw new GraphQLError(
            `This query may return up to ${cost} nodes; the limit is ${maxNodes}. Ask for smaller pages.`,
            {
              extensions: {
                code: 'QUERY_TOO_COSTLY',
                cost,
                limit: maxNodes,
                http: { status: 400 },
              },
            },
          );
        }
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}
