/**
 * The form names and aliases are stored and looked up in: lower case, without accents or extra
 * spaces. `%`, `_` and `\\` become spaces, so a stored name never holds a LIKE wildcard and a
 * lookup's `contains` matches them literally.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[%_\\]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
