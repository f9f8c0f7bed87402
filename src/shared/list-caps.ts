// The longest each unpaged list of a node gets. Resolvers (and compiled reads) return at most this
// many, and the cost limit counts this many: the worst case it computes is what can be returned.
// Longer lists are read through the node's connections (roles, statementsAbout, ...).
export const listCaps = {
  aliases: 50,
  externalIds: 50,
  currentRoles: 20,
  speakerRoles: 20,
  about: 50,
  statementRelations: 50,
} as const;
