// Limits checked before execution: tokens at parse time (which also keeps deeply nested
// documents from overflowing the parser's stack), then depth, aliases and directives.
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  type SelectionSetNode,
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

type Fragments = {
  byName: Record<string, FragmentDefinitionNode>;
  /** Depth of each fragment already measured, so that fragment bombs are measured once. */
  depths: Map<string, number>;
};

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  visited: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, visited));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, visited));
    } else {
      const name = selection.name.value;
      const fragment = fragments.byName[name];
      // A cycle is reported by the standard NoFragmentCycles rule.
      if (!fragment || visited.has(name)) continue;
      let depth = fragments.depths.get(name);
      if (depth === undefined) {
        visited.add(name);
        depth = depthOf(fragment.selectionSet, fragments, visited);
        visited.delete(name);
        fragments.depths.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

const depthRule =
  (maxDepth: number) =>
  (context: ValidationContext): ASTVisitor => {
    const fragments: Fragments = {
      byName: Object.fromEntries(
        context
          .getDocument()
          .definitions.filter(
            (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
          )
          .map((d) => [d.name.value, d]),
      ),
      depths: new Map(),
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, fragments, new Set());
        if (depth > maxDepth) {
          context.reportError(
            limitError(
              'DEPTH_LIMIT_EXCEEDED',
              `Query depth ${depth} exceeds the limit of ${maxDepth}.`,
            ),
          );
        }
      },
    };
  };

const countRule =
  (code: string, what: string, limit: number, visitor: (count: () => void) => ASTVisitor) =>
  (context: ValidationContext): ASTVisitor => {
    let total = 0;
    return {
      ...visitor(() => total++),
      Document: {
        leave() {
          if (total > limit) {
            context.reportError(
              limitError(code, `The document has ${total} ${what}; the limit is ${limit}.`),
            );
          }
        },
      },
    };
  };

export function useDocumentLimits(limits: DocumentLimits): Plugin {
  const rules = [
    depthRule(limits.maxDepth),
    countRule('ALIAS_LIMIT_EXCEEDED', 'aliases', limits.maxAliases, (count) => ({
      Field: (field) => {
        if (field.alias) count();
      },
    })),
    countRule('DIRECTIVE_LIMIT_EXCEEDED', 'directives', limits.maxDirectives, (count) => ({
      // A visitor's return value edits the document: return nothing.
      Directive: () => {
        count();
      },
    })),
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
