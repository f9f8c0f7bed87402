// Before an operation executes, the names its EntityRef inputs give are looked up and the texts of
// its statement and meeting filters searched, once each: the filters are then built synchronously
// from what was found (src/schema/shared/lookups.ts).
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
} from '../schema/shared/entity-ref.js';
import { withLookups } from '../schema/shared/lookups.js';
import { searchTexts, type TextKind, textKey } from '../schema/shared/text-filter.js';

/** Must come after plugins that replace the execute function, so that theirs runs inside. */
export function useFilterLookups(): Plugin {
  return {
    async onExecute({ args, executeFn, setExecuteFn }) {
      const keys = keysIn(args);
      if (!keys.names.size && !keys.texts.size) return;
      const [names, texts] = await Promise.all([lookUpNames(keys.names), searchTexts(keys.texts)]);
      setExecuteFn((executeArgs) => withLookups({ names, texts }, () => executeFn(executeArgs)));
    },
  };
}

type Keys = { names: Set<string>; texts: Set<string> };

const textFilters: Record<string, TextKind> = {
  StatementFilter: 'Statement',
  MeetingFilter: 'Meeting',
};

/** What the arguments of the operation being executed need looked up. */
function keysIn({ schema, document, operationName, variableValues }: ExecutionArgs): Keys {
  const keys: Keys = { names: new Set(), texts: new Set() };
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

function collect(type: GraphQLInputType, value: unknown, keys: Keys): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of value as unknown[]) collect(nullable.ofType, item, keys);
  } else if (isInputObjectType(nullable)) {
    if (nullable.name === EntityRefInput.name) {
      const { name } = value as EntityRefValue;
      const key = typeof name === 'string' ? lookupKey(name) : null;
      if (key) keys.names.add(key);
      return;
    }
    const kind = textFilters[nullable.name];
    const { text } = value as { text?: unknown };
    if (kind && typeof text === 'string') {
      const key = textKey(kind, text);
      if (key) keys.texts.add(key);
    }
    for (const field of Object.values(nullable.getFields())) {
      collect(field.type, (value as Record<string, unknown>)[field.name], keys);
    }
  }
}
