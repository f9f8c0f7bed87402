// Names given in EntityRef inputs are looked up before the operation executes: filters are then
// built synchronously from the candidates found, and an ambiguous or unusable name fails here.
import {
  type ExecutionArgs,
  GraphQLError,
  type GraphQLInputType,
  getArgumentValues,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import {
  EntityRefInput,
  type EntityRefValue,
  lookUpNames,
  lookupKey,
  withNames,
} from '../schema/shared/entity-ref.js';

/** Must come after plugins that replace the execute function, so that theirs runs inside. */
export function useEntityNames(): Plugin {
  return {
    async onExecute({ args, executeFn, setExecuteFn }) {
      const keys = namesIn(args);
      if (!keys.size) return;
      const candidates = await lookUpNames(keys);
      setExecuteFn((executeArgs) => withNames(candidates, () => executeFn(executeArgs)));
    },
  };
}

/** The lookup keys of every EntityRef name in the arguments of the operation being executed. */
function namesIn({ schema, document, operationName, variableValues }: ExecutionArgs): Set<string> {
  const keys = new Set<string>();
  const operation = getOperationAST(document, operationName);
  if (!operation) return keys;
  const variables = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    variableValues ?? {},
  );
  // Execution reports bad variables itself.
  if (variables.errors) return keys;
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (!field?.args.length) return;
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(field, node, variables.coerced);
      } catch (error) {
        if (error instanceof GraphQLError) return;
        throw error;
      }
      for (const arg of field.args) collect(arg.type, values[arg.name], keys);
    },
  });
  for (const definition of document.definitions) {
    if (definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) {
      visit(definition, visitor);
    }
  }
  return keys;
}

function collect(type: GraphQLInputType, value: unknown, keys: Set<string>): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of value as unknown[]) collect(nullable.ofType, item, keys);
  } else if (isInputObjectType(nullable)) {
    if (nullable.name === EntityRefInput.name) {
      const { name } = value as EntityRefValue;
      const key = typeof name === 'string' ? lookupKey(name) : null;
      if (key) keys.add(key);
      return;
    }
    for (const field of Object.values(nullable.getFields())) {
      collect(field.type, (value as Record<string, unknown>)[field.name], keys);
    }
  }
}
