import { GraphQLError } from 'graphql';

/** An expected failure caused by the request: reported to the client with code BAD_USER_INPUT. */
export function badInput(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`${argument}: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}
