// Typed documents: gql.tada reads the server's committed schema.graphql (through the generated
// graphql-env.d.ts), so a query that does not fit the schema fails the build.
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string; JSON: unknown };
  // Pages read their fragments directly; masking would add a readFragment call per use.
  disableMasking: true;
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';
