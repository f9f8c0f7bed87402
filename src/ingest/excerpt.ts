// Finding an excerpt in its source text across typographic variants: curly and straight quotes,
// dashes, runs of spaces, an ellipsis character and three dots are the same to a reader, so an
// excerpt typed with one finds the text written with the other, and is stored as the text's span.

const variants: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
};

/** The folded text, and for each of its characters the offset of the original character. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (/\s/u.test(char)) {
      if (!inSpace) {
        folded += ' ';
        origin.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    const replacement = variants[char] ?? char;
    for (const part of replacement) {
      folded += part;
      origin.push(i);
    }
  }
  return { folded, origin };
}

export type ExcerptMatch =
  | { found: true; start: number; end: number; excerpt: string }
  | { found: false; nearest: string | null };

/** Where `excerpt` occurs in `text` (exactly, else across typographic variants), or the nearest passage. */
export function locateExcerpt(text: string, excerpt: string): ExcerptMatch {
  const exact = text.indexOf(excerpt);
  if (exact >= 0) return { found: true, start: exact, end: exact + excerpt.length, excerpt };
  const source = fold(text);
  const wanted = fold(excerpt.trim()).folded;
  const at = wanted === '' ? -1 : source.folded.indexOf(wanted);
  if (at >= 0) {
    const start = source.origin[at] as number;
    const end = (source.origin[at + wanted.length - 1] as number) + 1;
    return { found: true, start, end, excerpt: text.slice(start, end) };
  }
  return { found: false, nearest: nearestPassage(text, source, wanted) };
}

const maxWords = 200;

/**
 * The passage of the excerpt's length around the longest run of its words that the text holds
 * (ignoring case), cut at word boundaries; null when not even one of its words occurs.
 */
function nearestPassage(
  text: string,
  source: { folded: string; origin: number[] },
  wanted: string,
): string | null {
  const haystack = source.folded.toLowerCase();
  const words = wanted.toLowerCase().split(' ').slice(0, maxWords);
  let best: { at: number; offset: number; length: number } | null = null;
  for (let first = 0; first < words.length; first++) {
    let at = -1;
    let last = first;
    // Grow the run word by word while the text still holds it.
    for (let end = first + 1; end <= words.length; end++) {
      const found = haystack.indexOf(words.slice(first, end).join(' '));
      if (found < 0) break;
      at = found;
      last = end;
    }
    const length = last - first;
    const significant = words.slice(first, last).join(' ').length >= 4;
    if (at >= 0 && significant && (!best || length > best.length)) {
      const offset = words.slice(0, first).join(' ').length + (first > 0 ? 1 : 0);
      best = { at, offset, length };
    }
  }
  if (!best) return null;
  const from = Math.max(0, best.at - best.offset);
  const to = Math.min(source.folded.length, from + wanted.length);
  let start = source.origin[from] as number;
  let end = (source.origin[to - 1] as number) + 1;
  while (start > 0 && /\S/u.test(text[start - 1] as string)) start--;
  while (end < text.length && /\S/u.test(text[end] as string)) end++;
  return text.slice(start, end);
}
