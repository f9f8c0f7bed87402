// Every string a request brings, in variables or in the document, checked before execution:
// - text no database stores faithfully is refused (PostgreSQL rejects NUL; lone UTF-16
//   surrogates from "\ud800" escapes cannot be stored as written);
// - short text (names, filters, titles: everything but long text) is at most `maxStringLength`
//   characters and has no control characters, byte-order marks or bidirectional controls;
// - long text (arguments and input fields whose extensions say `longText`: an article, a
//   source's text) is bounded by the body size alone, and may hold line breaks;
// - variables nested deeper than `maxNesting` are refused, walked without recursion so that a
//   100,000-deep `[[[…]]]` cannot overflow the stack.
import {
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLError,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { shortTextProblem, textProblem } from '../shared/storable-text.js';

export type InputTextLimits = { maxStringLength: number; maxNesting: number };

function textError(where: string, reason: string): GraphQLError {
  return createGraphQLError(`${where}: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

const isLong = (definition: GraphQLArgument | GraphQLInputField | undefined | null) =>
  definition?.extensions?.longText === true;

function checkText(value: string, where: string, long: boolean, maxLength: number): void {
  const problem = long ? textProblem(value) : shortTextProblem(value);
  if (problem) throw textError(where, problem);
  if (!long && value.length > maxLength) {
    throw textError(where, `text must be at most ${maxLength} characters, got ${value.length}`);
  }
}

type Pending = {
  value: unknown;
  where: string;
  type: GraphQLInputType | undefined;
  long: boolean;
  depth: number;
};

/** Walks a variable's value with its declared type, iteratively. */
function checkVariable(
  value: unknown,
  where: string,
  type: GraphQLInputType | undefined,
  long: boolean,
  limits: InputTextLimits,
): void {
  const pending: Pending[] = [{ value, where, type, long, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, where, depth, long } = item;
    if (typeof value === 'string') {
      checkText(value, where, long, limits.maxStringLength);
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= limits.maxNesting) {
      throw textError(where, `values must not be nested deeper than ${limits.maxNesting} levels`);
    }
    const type = item.type && getNullableType(item.type);
    if (Array.isArray(value)) {
      const itemType = type && isListType(type) ? type.ofType : type;
      value.forEach((element, i) => {
        pending.push({
          value: element,
          where: `${where}[${i}]`,
          type: itemType,
          long,
          depth: depth + 1,
        });
      });
      continue;
    }
    const fields = type && isInputObjectType(type) ? type.getFields() : undefined;
    for (const [key, element] of Object.entries(value)) {
      const field = fields?.[key];
      pending.push({
        value: element,
        where: `${where}.${key}`,
        type: field?.type,
        long: long || isLong(field),
        depth: depth + 1,
      });
    }
  }
}

/**
 * Checks the document's literal strings and returns the variables used only in long-text
 * positions (a variable also used anywhere else is short text).
 */
function checkDocument(schema: GraphQLSchema, document: DocumentNode, limits: InputTextLimits) {
  const typeInfo = new TypeInfo(schema);
  const longStack: boolean[] = [];
  const inLong = () => longStack.at(-1) === true;
  const long = new Set<string>();
  const short = new Set<string>();
  let declaring = false;
  const pop = () => {
    longStack.pop();
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter: () => {
          longStack.push(isLong(typeInfo.getArgument()));
        },
        leave: pop,
      },
      ObjectField: {
        enter: (node) => {
          const parent = getNamedType(typeInfo.getParentInputType());
          const field = isInputObjectType(parent) ? parent.getFields()[node.name.value] : undefined;
          longStack.push(inLong() || isLong(field));
        },
        leave: pop,
      },
      VariableDefinition: {
        enter: () => {
          declaring = true;
        },
        leave: () => {
          declaring = false;
        },
      },
      Variable: (node) => {
        if (!declaring) (inLong() ? long : short).add(node.name.value);
      },
      [Kind.STRING]: (node) => {
        checkText(node.value, 'a string in the query', inLong(), limits.maxStringLength);
      },
    }),
  );
  for (const name of short) long.delete(name);
  return long;
}

export function useInputText(limits: InputTextLimits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      try {
        const { schema, document } = args;
        const long = checkDocument(schema, document, limits);
        const declared = new Map<string, GraphQLInputType | undefined>();
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          for (const variable of definition.variableDefinitions ?? []) {
            declared.set(
              variable.variable.name.value,
              typeFromAST(schema, variable.type) as GraphQLInputType | undefined,
            );
          }
        }
        for (const [name, value] of Object.entries(args.variableValues ?? {})) {
          checkVariable(value, `variables.${name}`, declared.get(name), long.has(name), limits);
        }
      } catch (error) {
        if (!(error as GraphQLError)?.extensions?.code) throw error;
        setResultAndStopExecution({ errors: [error as GraphQLError] });
      }
    },
  };
}
