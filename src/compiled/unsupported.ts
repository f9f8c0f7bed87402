/** What the compiler does not translate: the resolvers execute the operation instead. */
export class Unsupported extends Error {}
