// GitHub's rules for connections: `first` or `last` between 1 and the page limit (neither means
// the first `defaultPageSize`, as the resolvers read it), and the worst-case number of nodes a query can return (each connection's page size
// times the pages of the connections around it) must stay under a limit. Variables count as
// much as literals, and the check runs before any resolver, so no SQL is sent for a rejected query.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestScope } from './request-scope.js';

export const maxPageSize = 100;
export const defaultPageSize = 20;

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
  const fields = fieldsOf(walk.schema, typeName);
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition?.name.value ?? typeName;
      total += nodesOf(walk, selection.selectionSet, type, multiplier, path);
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
      total += multiplier * perParent;
      continue;
    }
    const field = fields.get(selection.name.value);
    if (!field) continue;
    const fieldPath = path ? `${path}.${selection.name.value}` : selection.name.value;
    const returnType = getNamedType(field.type).name;
    let pages = multiplier;
    if (returnType.endsWith('Connection') && field.args.some((a) => a.name === 'first')) {
      const args = getArgumentValues(field, selection, walk.variables) as {
        first?: number | null;
        last?: number | null;
      };
      const size = args.first ?? args.last ?? defaultPageSize;
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
      const { ids } = getArgumentValues(field, selection, walk.variables) as { ids?: unknown[] };
      if (Array.isArray(ids) && ids.length > maxPageSize) {
        throw connectionError(fieldPath, `at most ${maxPageSize} ids, got ${ids.length}`);
      }
      pages = multiplier * (Array.isArray(ids) ? ids.length : 1);
    }
    total += nodesOf(walk, selection.selectionSet, returnType, pages, fieldPath);
  }
  return total;
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
