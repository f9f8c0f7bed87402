/**
 * Why a string cannot be stored as written, or null when it can: PostgreSQL refuses NUL, and a
 * lone UTF-16 surrogate (from a "\ud800" escape) is not a character at all.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'text must not contain NUL characters';
  if (!value.isWellFormed()) return 'text must be valid Unicode';
  return null;
}

// C0 and C1 controls (line breaks and tabs included), the byte-order mark, and the
// bidirectional embeddings, overrides and isolates that make text display in another order than
// it is stored ("Trojan Source"). Left-to-right and right-to-left marks stay allowed: names in
// mixed scripts need them.
const refusedInShortText = /[\p{Cc}\ufeff\u202a-\u202e\u2066-\u2069]/u;

/**
 * Why a short text (a name, a title, a filter) is refused, or null: what `textProblem` refuses,
 * and characters that have no place in one line of text or that disguise it.
 */
export function shortTextProblem(value: string): string | null {
  const problem = textProblem(value);
  if (problem) return problem;
  const refused = refusedInShortText.exec(value);
  if (!refused) return null;
  const code = refused[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
  return `text must not contain control, byte-order or bidirectional-override characters (U+${code} at ${refused.index})`;
}

/** Every string in a JSON-like value that cannot be stored, with its path. */
export function unstorableStrings(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; message: string }[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ path, message: problem }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => unstorableStrings(item, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => unstorableStrings(item, [...path, key]));
  }
  return [];
}
