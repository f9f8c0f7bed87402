/**
 * Why a string cannot be stored as written, or null when it can: PostgreSQL refuses NUL, and a
 * lone UTF-16 surrogate (from a "\ud800" escape) is not a character at all.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'text must not contain NUL characters';
  if (!value.isWellFormed()) return 'text must be valid Unicode';
  return null;
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
