// Text that no database stores faithfully is refused before execution: PostgreSQL rejects NUL,
// and lone UTF-16 surrogates (from "\ud800" escapes) cannot be stored as written.
import { GraphQLError, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { textProblem } from '../shared/storable-text.js';

function textError(where: string, reason: string): GraphQLError {
  return new GraphQLError(`${where}: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

function checkText(value: string, where: string, maxLength: number): void {
  const problem = textProblem(value);
  if (problem) throw textError(where, problem);
  if (value.length > maxLength) {
    throw textError(where, `text must be at most ${maxLength} characters, got ${value.length}`);
  }
}

function checkValue(value: unknown, where: string, maxLength: number): void {
  if (typeof value === 'string') {
    checkText(value, where, maxLength);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkValue(item, `${where}[${i}]`, maxLength);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkValue(item, `${where}.${key}`, maxLength);
  }
}

export function useInputText({ maxStringLength }: { maxStringLength: number }): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      try {
        checkValue(args.variableValues ?? {}, 'variables', maxStringLength);
        visit(args.document, {
          [Kind.STRING]: (node) => checkText(node.value, 'a string in the query', maxStringLength),
        });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}
