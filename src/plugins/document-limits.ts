// Limits checked before execution: tokens at parse time (which also keeps deeply nested
// documents from overflowing the parser's stack), then depth, aliases and directives.
// Tokens use graphql-js's own `maxTokens` option rather than Armor's max-tokens, which wraps the
// parser's private lexer in a Proxy to count what graphql-js already counts.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type DocumentLimits = {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  introspection: boolean;
};

function limitError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Armor's rejection, reported as a validation error with our code (Armor's have none). */
const reportAs =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, '')));
  };

export function useDocumentLimits(limits: DocumentLimits): Plugin {
  // GraphQL Armor's rules, each measuring fragments once; they count per operation, with
  // fragments expanded (a fragment spread twice counts twice).
  const rules = [
    maxDepthRule({
      n: limits.maxDepth,
      // Fragments and inline fragments add no level: only fields do. Introspection counts too.
      flattenFragments: true,
      ignoreIntrospection: false,
      propagateOnRejection: false,
      onReject: [reportAs('DEPTH_LIMIT_EXCEEDED')],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: [reportAs('ALIAS_LIMIT_EXCEEDED')],
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportAs('DIRECTIVE_LIMIT_EXCEEDED')],
    }),
    ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          // graphql-js words it "more that N tokens".
          const tooMany = /more tha[nt] \d+ tokens/.test(error.message);
          throw new GraphQLError(error.message, {
            source: error.source,
            positions: error.positions,
            extensions: {
              code: tooMany ? 'TOKEN_LIMIT_EXCEEDED' : 'GRAPHQL_PARSE_FAILED',
              http: { status: 400 },
            },
          });
        }
      });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}
