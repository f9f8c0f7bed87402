// LIKE's wildcards (and PostgreSQL's escape character) are stored and looked up as this private-use
// character, so that a lookup's `contains` can never act as a pattern: "W_ng" does not find "Wang".
const wildcardStandIn = '\uE000';

/** The form names and aliases are stored and looked up in: lower case, without accents or extra spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[%_\\]/g, wildcardStandIn)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
