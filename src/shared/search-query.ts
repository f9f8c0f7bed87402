// What users type into search, parsed into terms that hold only letters and digits: "..." is a
// phrase, a trailing * makes a prefix, everything else is an AND of words. Operators, stray
// quotes and punctuation are dropped rather than passed to the database's query syntax.

export type SearchTerm = { words: string[]; prefix: boolean };

const maxTerms = 16;

/** Lower case, accents removed, like the normalized names. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const wordPattern = /[\p{L}\p{N}]+/gu;

export function parseSearchQuery(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  // Split on quotes: odd parts are phrases (an unclosed quote's phrase runs to the end).
  const parts = fold(input)
    .replace(/['’]s\b/gu, '')
    .split('"');
  for (const [index, part] of parts.entries()) {
    if (index % 2 === 1) {
      const words = part.match(wordPattern) ?? [];
      if (words.length) terms.push({ words, prefix: false });
      continue;
    }
    for (const chunk of part.split(/[\s()[\]{}&|!:^+~<>=,;]+/u)) {
      const words = chunk.match(wordPattern) ?? [];
      if (!words.length || /^(and|or|not|near)$/i.test(chunk)) continue;
      // "Kim-Jong" or "U.S." stay one term: their words must follow each other.
      terms.push({ words, prefix: /[\p{L}\p{N}]\*+$/u.test(chunk) });
    }
  }
  return terms.slice(0, maxTerms);
}
