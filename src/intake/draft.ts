// From a raw English news article to a draft in the article format: the people, organizations
// and countries it names, what they said about whom, and whom they met. Rules over compromise's
// sentences, tokens and part-of-speech tags, with chrono-node for dates; no database.
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import { francAll } from 'franc-min';
import { type ArticleDocument, articleFormat } from '../ingest/article-format.js';
import {
  type CountryInfo,
  countryByCapital,
  countryByDemonym,
  countryByIso2,
  countryByName,
} from '../shared/countries.js';
import { normalizeName } from '../shared/normalize-name.js';
import {
  ambiguousVerbs,
  attributionVerbs,
  cancelledCues,
  clauseVerbs,
  continuingParticiples,
  demonymOrganizationHeads,
  honorifics,
  meetingCues,
  meetingVerbs,
  nameParticles,
  negations,
  organizationAnaphors,
  organizationHeads,
  organizationModifiers,
  pairNouns,
  reportVerbs,
  type StanceValue,
  scheduledCues,
  spokespersonWords,
  stanceCues,
  titleHeads,
  titleWords,
  unnamedPersonHeads,
} from './lexicon.js';

export type DraftInput = { text: string; publishedOn?: string; url?: string; title?: string };

/** The largest article text accepted, in UTF-8 bytes. */
export const maxArticleBytes = 5 * 1024 * 1024;

export type DraftInputErrorCode =
  | 'EMPTY_TEXT'
  | 'NUL_CHARACTER'
  | 'BINARY_FILE'
  | 'TOO_LARGE'
  | 'NOT_ENGLISH'
  | 'INVALID_DATE';

/** An article the extractor cannot read; `code` says why. */
export class DraftInputError extends Error {
  override name = 'DraftInputError';
  constructor(
    readonly code: DraftInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Draft = ArticleDocument;
type Statement = Draft['statements'][number];
type Meeting = Draft['meetings'][number];

type Token = {
  text: string;
  /** The text without a possessive ending. */
  word: string;
  lower: string;
  start: number;
  end: number;
  pre: string;
  post: string;
  tags: Set<string>;
  possessive: boolean;
  sentence: number;
};

type Sentence = { first: number; last: number; start: number; end: number; paragraph: number };

type EntityKind = 'country' | 'organization' | 'person';
type Entity = {
  kind: EntityKind;
  key: string;
  name: string;
  aliases: Set<string>;
  country?: Entity;
  roles: { title: string; country?: Entity; organization?: Entity }[];
  iso?: CountryInfo;
  gender?: 'm' | 'f';
  /** Where it was last mentioned (a token index): the most recent fits a short form best. */
  seen: number;
};

type Mention = {
  entity: Entity;
  /** The noun phrase, titles and nationality included. */
  first: number;
  last: number;
  how: 'name' | 'short' | 'pronoun' | 'title' | 'demonym' | 'capital' | 'spokesperson';
  /** A nationality inside a longer name or title ("Chinese" in "Chinese Foreign Minister"). */
  attributive?: boolean;
};

type Place = { name: string; country?: Entity; first: number };

const quoteMarks = /[“”"]/;
// Words without which chrono finds no date: it is only asked about sentences that have one.
const dateWords =
  /\d|day|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tonight|ago|last|next|earlier|later|noon|morning|evening|night/i;

/** Drafts an article document from plain English text; throws DraftInputError on bad input. */
export function draftFromText(input: DraftInput): Draft {
  const text = checkText(input.text);
  const published = input.publishedOn ? checkDate(input.publishedOn) : undefined;
  const extractor = new Extractor(text, published);
  extractor.run();
  return extractor.document(input);
}

function checkText(text: string): string {
  if (text.includes('\u0000')) {
    throw new DraftInputError('NUL_CHARACTER', 'text: contains NUL characters (binary data?)');
  }
  if (Buffer.byteLength(text, 'utf8') > maxArticleBytes) {
    throw new DraftInputError('TOO_LARGE', `text: longer than ${maxArticleBytes} bytes`);
  }
  if (text.trim() === '') throw new DraftInputError('EMPTY_TEXT', 'text: is empty');
  // franc needs some text to judge; a line or two of any language is let through. Names make
  // English look like its neighbours, so English close behind the first guess is English.
  const guesses = francAll(text.slice(0, 4000), { minLength: 40 });
  const [language, best] = guesses[0] ?? ['und', 1];
  const english = guesses.find(([code]) => code === 'eng')?.[1] ?? 0;
  if (language !== 'und' && english < best * 0.9) {
    throw new DraftInputError(
      'NOT_ENGLISH',
      `text: looks like language "${language}" (ISO 639-3); only English articles can be drafted for now`,
    );
  }
  return text;
}

function checkDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T12:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new DraftInputError('INVALID_DATE', `publishedOn: "${value}" is not a date YYYY-MM-DD`);
  }
  return date;
}

const slug = (name: string) =>
  normalizeName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Whether an acronym stands for a name: "WTO", "ASEAN" (Association of SouthEast Asian Nations). */
function abbreviates(acronym: string, name: string): boolean {
  if (!/^[A-Z]{2,8}$/.test(acronym)) return false;
  const capitals = name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  if (capitals.length < 2 || capitals[0] !== acronym[0] || acronym.length > capitals.length + 2)
    return false;
  let i = 0;
  for (const letter of acronym) if (letter === capitals[i]) i += 1;
  return i === capitals.length;
}

const titleCase = (words: string[]) =>
  words.map((w) => (w.length > 0 ? w[0]?.toUpperCase() + w.slice(1) : w)).join(' ');

class Extractor {
  private tokens: Token[] = [];
  /** The token being read, for the recency of entities created there. */
  private at = 0;
  private sentences: Sentence[] = [];
  private entities: Entity[] = [];
  private keys = new Set<string>();
  private mentions: Mention[][] = [];
  private places: Place[][] = [];
  /** An organization just read, which a title right after it belongs to. */
  private affiliation: { organization: Entity; next: number } | undefined;
  private statements: Statement[] = [];
  private meetings: (Meeting & { participantKeys: string })[] = [];
  /** Speaker and paragraph of each statement, for pronouns and dates carried over. */
  private spoken: { speaker: Entity; sentence: number; paragraph: number; date: string | null }[] =
    [];

  constructor(
    private readonly text: string,
    private readonly published: Date | undefined,
  ) {}

  run() {
    this.tokenize();
    for (const [index] of this.sentences.entries()) {
      this.mentions[index] = this.findMentions(index);
      for (const mention of this.mentions[index] ?? []) mention.entity.seen = mention.first;
      this.findStatements(index);
      this.findMeetings(index);
    }
  }

  // --- tokens -----------------------------------------------------------------------------

  private tokenize() {
    const paragraphStarts = [0];
    for (const match of this.text.matchAll(/\n/g)) paragraphStarts.push((match.index ?? 0) + 1);
    const paragraphOf = (offset: number) => {
      let paragraph = 0;
      while (
        paragraph + 1 < paragraphStarts.length &&
        (paragraphStarts[paragraph + 1] ?? 0) <= offset
      )
        paragraph += 1;
      return paragraph;
    };
    const json = nlp(this.text).json({ offset: true }) as {
      terms: {
        text: string;
        pre: string;
        post: string;
        tags: string[];
        offset: { start: number; length: number };
      }[];
    }[];
    for (const sentence of json) {
      const first = this.tokens.length;
      for (const term of sentence.terms) {
        const start = term.offset.start;
        const end = start + term.offset.length;
        const previous = this.tokens.at(-1);
        // compromise splits "Okonjo-Iweala"; a name keeps its hyphen.
        if (
          previous &&
          this.tokens.length > first &&
          previous.post === '-' &&
          term.pre === '' &&
          previous.end + 1 === start
        ) {
          previous.text = this.text.slice(previous.start, end);
          previous.end = end;
          previous.post = term.post;
          this.setWord(previous);
          continue;
        }
        const token: Token = {
          text: this.text.slice(start, end),
          word: '',
          lower: '',
          start,
          end,
          pre: term.pre,
          post: term.post,
          tags: new Set(term.tags),
          possessive: false,
          sentence: this.sentences.length,
        };
        this.setWord(token);
        this.tokens.push(token);
      }
      // compromise keeps `…Sea." He said` together; a closed quote that ends a sentence ends it.
      let from = first;
      for (let i = first; i < this.tokens.length; i += 1) {
        const token = this.tokens[i] as Token;
        const next = this.tokens[i + 1];
        const closes = /[.!?][”"]\s+$/.test(token.post) && next && this.isCapitalized(next);
        if (i === this.tokens.length - 1 || closes) {
          this.pushSentence(from, i, paragraphOf);
          from = i + 1;
        }
      }
    }
  }

  private pushSentence(first: number, last: number, paragraphOf: (offset: number) => number) {
    const firstToken = this.tokens[first] as Token;
    const lastToken = this.tokens[last] as Token;
    const lead = firstToken.pre.replace(/^\s+/, '').length;
    const trail = lastToken.post.replace(/\s+$/, '').length;
    for (let i = first; i <= last; i += 1)
      (this.tokens[i] as Token).sentence = this.sentences.length;
    this.sentences.push({
      first,
      last,
      start: firstToken.start - lead,
      end: lastToken.end + trail,
      paragraph: paragraphOf(firstToken.start),
    });
  }

  private setWord(token: Token) {
    const possessive = /['’]s?$/.exec(token.text);
    token.possessive = possessive !== null && token.text.length > 2;
    token.word = token.possessive ? token.text.slice(0, possessive?.index) : token.text;
    token.lower = token.word.toLowerCase().replace(/\.$/, '');
  }

  /** Whether punctuation (other than a hyphen) separates a token from the next. */
  private breaksAfter(index: number): boolean {
    const token = this.tokens[index];
    if (!token) return true;
    const post = token.post.replace(/\s+/g, '');
    if (post === '' || post === '-') return token.possessive;
    // "Mr." and "U.S." keep their dots.
    return !(
      post === '.' &&
      (honorifics.has(token.lower) || /^(?:[A-Z]\.){1,3}$/.test(`${token.text}.`))
    );
  }

  private isCapitalized(token: Token): boolean {
    return /^\p{Lu}/u.test(token.word);
  }

  private isNameToken(index: number, sentence: Sentence): boolean {
    const token = this.tokens[index];
    if (!token || !this.isCapitalized(token)) return false;
    if (token.tags.has('Date') || token.tags.has('Month') || token.tags.has('WeekDay'))
      return false;
    if (token.tags.has('Pronoun') || token.tags.has('Determiner')) return false;
    // A capitalized word that opens a sentence or a quote is a name only if tagged as one.
    const opening = index === sentence.first || quoteMarks.test(token.pre);
    if (opening) {
      if (['Adverb', 'Preposition', 'Conjunction', 'Adjective'].some((tag) => token.tags.has(tag)))
        return false;
      if (
        ['ProperNoun', 'Person', 'Place', 'Organization', 'Acronym'].some((tag) =>
          token.tags.has(tag),
        )
      )
        return true;
      // An unknown word that opens a sentence: a name someone already bears, or one who speaks.
      const next = this.tokens[index + 1];
      return (
        this.knownPersonPart(token.word) !== undefined ||
        (token.tags.has('Noun') && !!next && attributionVerbs.has(next.lower))
      );
    }
    return true;
  }

  // --- entities ---------------------------------------------------------------------------

  private newKey(name: string, fallback: string): string {
    const base = slug(name) || fallback;
    let key = base;
    for (let n = 2; this.keys.has(key); n += 1) key = `${base}-${n}`;
    this.keys.add(key);
    return key;
  }

  private country(info: CountryInfo): Entity {
    const found = this.entities.find((e) => e.kind === 'country' && e.iso?.iso2 === info.iso2);
    if (found) return found;
    const entity: Entity = {
      kind: 'country',
      key: this.newKey(info.name, 'country'),
      name: info.name,
      aliases: new Set(),
      roles: [],
      seen: this.at,
      iso: info,
    };
    this.entities.push(entity);
    return entity;
  }

  private organization(name: string, country?: Entity): Entity {
    const wanted = normalizeName(name);
    const found = this.entities.find(
      (e) =>
        e.kind === 'organization' &&
        (normalizeName(e.name) === wanted ||
          [...e.aliases].some((a) => normalizeName(a) === wanted)),
    );
    if (found) return found;
    // "Foreign Ministry" after "China's Foreign Ministry" is the same ministry.
    const shortened = this.mostRecent(
      (e) =>
        e.kind === 'organization' &&
        (normalizeName(e.name).endsWith(` ${wanted}`) || abbreviates(name, e.name)),
    );
    if (shortened && (!country || abbreviates(name, shortened.name))) {
      shortened.aliases.add(name);
      return shortened;
    }
    const entity: Entity = {
      kind: 'organization',
      key: this.newKey(name, 'organization'),
      name,
      aliases: new Set(),
      roles: [],
      seen: this.at,
      country,
    };
    this.entities.push(entity);
    return entity;
  }

  /** The person a name denotes: the same name, a part of a known name, or someone new. */
  private person(parts: string[]): Entity {
    const name = parts.join(' ');
    const wanted = normalizeName(name);
    const people = this.entities.filter((e) => e.kind === 'person');
    const exact = people.find(
      (e) =>
        normalizeName(e.name) === wanted || [...e.aliases].some((a) => normalizeName(a) === wanted),
    );
    if (exact) return exact;
    const significant = (n: string) =>
      normalizeName(n)
        .split(' ')
        .filter((p) => !nameParticles.has(p));
    const wantedParts = significant(name);
    // A short form ("Ribeiro", "bin Salman") of someone named in full before.
    const longer = this.mostRecent((e) => {
      if (e.kind !== 'person') return false;
      const known = significant(e.name);
      return wantedParts.every((p) => known.includes(p)) && known.length > wantedParts.length;
    });
    if (longer) {
      longer.aliases.add(name);
      return longer;
    }
    // The full name of someone first named by a short form.
    const shorter = this.mostRecent((e) => {
      if (e.kind !== 'person') return false;
      const known = significant(e.name);
      return known.every((p) => wantedParts.includes(p)) && known.length < wantedParts.length;
    });
    if (shorter) {
      shorter.aliases.add(shorter.name);
      shorter.name = name;
      return shorter;
    }
    const entity: Entity = {
      kind: 'person',
      key: this.newKey(name, 'person'),
      name,
      aliases: new Set(),
      roles: [],
      seen: this.at,
    };
    this.entities.push(entity);
    return entity;
  }

  private mostRecent(test: (e: Entity) => boolean): Entity | undefined {
    let best: Entity | undefined;
    for (const e of this.entities) if (test(e) && (!best || e.seen >= best.seen)) best = e;
    return best;
  }

  private knownPersonPart(word: string): Entity | undefined {
    const wanted = normalizeName(word);
    return this.mostRecent(
      (e) =>
        e.kind === 'person' &&
        (normalizeName(e.name).split(' ').includes(wanted) ||
          [...e.aliases].some((a) => normalizeName(a) === wanted)),
    );
  }

  private addRole(person: Entity, title: string, country?: Entity, organization?: Entity) {
    if (!title) return;
    const lower = title.toLowerCase();
    const same = person.roles.find((r) => r.title.toLowerCase() === lower);
    if (same) {
      same.country ??= country;
      same.organization ??= organization;
    } else person.roles.push({ title, country, organization });
    person.country ??= country ?? organization?.country;
  }

  // --- mentions ---------------------------------------------------------------------------

  private countryAt(
    index: number,
  ): { info: CountryInfo; last: number; demonym: boolean } | undefined {
    for (let length = 4; length >= 1; length -= 1) {
      const last = index + length - 1;
      const lastToken = this.tokens[last];
      if (!lastToken || lastToken.sentence !== this.tokens[index]?.sentence) continue;
      let broken = false;
      for (let i = index; i < last; i += 1)
        if (this.breaksAfter(i) || this.tokens[i]?.possessive) broken = true;
      if (broken) continue;
      const words = this.tokens
        .slice(index, last + 1)
        .map((t, i, all) => (i === all.length - 1 ? t.word : t.text));
      if (!words.every((w) => /^\p{Lu}/u.test(w))) continue;
      const phrase = words.join(' ');
      const byName = countryByName(phrase);
      if (byName) return { info: byName, last, demonym: false };
      const dotted = /^(?:[A-Z]\.){2,3}$/.test(phrase) ? phrase.replaceAll('.', '') : undefined;
      const byCode = dotted ? (countryByName(dotted) ?? countryByIso2(dotted)) : undefined;
      if (byCode) return { info: byCode, last, demonym: false };
      const byDemonym = countryByDemonym(phrase);
      if (byDemonym) return { info: byDemonym, last, demonym: true };
    }
    return undefined;
  }

  private findMentions(sentenceIndex: number): Mention[] {
    const sentence = this.sentences[sentenceIndex] as Sentence;
    const mentions: Mention[] = [];
    const places: Place[] = [];
    this.places[sentenceIndex] = places;
    let i = sentence.first;
    while (i <= sentence.last) {
      this.at = i;
      const consumed = this.mentionAt(i, sentence, mentions, places);
      i = consumed > i ? consumed : i + 1;
    }
    return mentions;
  }

  /** Reads the noun phrase at `index`, records its mentions, and returns the index after it. */
  private mentionAt(
    index: number,
    sentence: Sentence,
    mentions: Mention[],
    places: Place[],
  ): number {
    const token = this.tokens[index] as Token;
    const previous = this.tokens[index - 1];
    const lower = token.lower;

    if (lower === 'he' || lower === 'she') {
      const person = this.resolvePronoun(lower === 'he' ? 'm' : 'f', sentence, mentions);
      if (person) mentions.push({ entity: person, first: index, last: index, how: 'pronoun' });
      return index + 1;
    }

    // "the minister", "the ministry": the last person or organization so called.
    if (lower === 'the' && index < sentence.last) {
      const next = this.tokens[index + 1] as Token;
      const after = this.tokens[index + 2];
      const nextIsHead =
        !after || !this.isNameToken(index + 2, sentence) || this.breaksAfter(index + 1);
      if (!this.isCapitalized(next) && nextIsHead) {
        if (organizationAnaphors.has(next.lower)) {
          const org = this.mostRecent(
            (e) => e.kind === 'organization' && normalizeName(e.name).includes(next.lower),
          );
          if (org) {
            mentions.push({ entity: org, first: index, last: index + 1, how: 'title' });
            return index + 2;
          }
        }
        let end = index + 1;
        while (
          end + 1 <= sentence.last &&
          titleWords.has(this.tokens[end + 1]?.lower ?? '') &&
          !this.breaksAfter(end)
        )
          end += 1;
        const head = this.tokens[end]?.lower ?? '';
        if (titleHeads.has(head)) {
          const words = this.tokens
            .slice(index + 1, end + 1)
            .map((t) => t.lower)
            .join(' ');
          const person = this.mostRecent(
            (e) =>
              e.kind === 'person' && e.roles.some((r) => r.title.toLowerCase().endsWith(words)),
          );
          const following = this.tokens[end + 1];
          const named = following && this.isNameToken(end + 1, sentence) && !this.breaksAfter(end);
          if (person && !named) {
            mentions.push({ entity: person, first: index, last: end, how: 'title' });
            return end + 1;
          }
        }
      }
    }

    // A noun phrase: [country's | demonym] [title words] [name] or an organization.
    let cursor = index;
    let nationality: Entity | undefined;
    const nationalityMentions: Mention[] = [];
    const found = this.isCapitalized(token) ? this.countryAt(cursor) : undefined;
    if (found) {
      const country = this.country(found.info);
      nationality = country;
      const mention: Mention = {
        entity: country,
        first: cursor,
        last: found.last,
        how: found.demonym ? 'demonym' : 'name',
      };
      nationalityMentions.push(mention);
      cursor = found.last + 1;
      const lastToken = this.tokens[found.last] as Token;
      const possessive = lastToken.possessive;
      const continues = !this.breaksAfter(found.last) || possessive;
      if (!found.demonym && !possessive) {
        // "Russia" on its own, unless an organization follows ("European Union" is not a country).
        if (!continues || !this.organizationEndsAt(cursor, sentence)) {
          mentions.push(mention);
          return cursor;
        }
      }
      if (!continues && !(possessive && cursor <= sentence.last)) {
        mentions.push(mention);
        return cursor;
      }
      // A demonym with a lower-case organization head: "South Korean intelligence".
      // Also "Ukraine's foreign ministry", "the German government".
      let headAt = cursor;
      while (
        headAt < cursor + 2 &&
        organizationModifiers.has(this.tokens[headAt]?.lower ?? '') &&
        !this.breaksAfter(headAt)
      )
        headAt += 1;
      const head = this.tokens[headAt];
      if (
        (found.demonym || possessive) &&
        head &&
        demonymOrganizationHeads.has(head.lower) &&
        !this.isCapitalized(head)
      ) {
        const org = this.organization(
          this.text.slice(token.start, head.start + head.word.length),
          country,
        );
        mention.attributive = true;
        mentions.push(mention, { entity: org, first: index, last: headAt, how: 'name' });
        this.affiliation = { organization: org, next: headAt + 1 };
        return headAt + 1;
      }
    }

    // Title words (any case), then a name; "Kremlin spokesman Dmitry Peskov" is the Kremlin's.
    const affiliation =
      this.affiliation?.next === cursor ? this.affiliation.organization : undefined;
    const titleStart = cursor;
    while (cursor <= sentence.last) {
      const t = this.tokens[cursor] as Token;
      if (!titleWords.has(t.lower) || (cursor > titleStart && this.breaksAfter(cursor - 1))) break;
      if (t.lower === 'counterpart') break;
      cursor += 1;
    }
    const titleTokens = this.tokens.slice(titleStart, cursor);
    const hasTitle = titleTokens.some((t) => titleHeads.has(t.lower));
    if (cursor > titleStart && !hasTitle && !this.isNameToken(cursor, sentence)) {
      // Capitalized title-like words with no head ("Foreign Ministry" is handled below).
      cursor = titleStart;
    }

    // Honorific: "Ms. Ribeiro".
    let gender: 'm' | 'f' | undefined;
    const honorific = this.tokens[cursor];
    if (honorific && honorifics.has(honorific.lower) && this.isCapitalized(honorific)) {
      gender =
        honorific.lower === 'mr'
          ? 'm'
          : ['ms', 'mrs', 'dame'].includes(honorific.lower)
            ? 'f'
            : undefined;
      cursor += 1;
    }

    // The capitalized run.
    const runStart = cursor;
    while (cursor <= sentence.last) {
      const t = this.tokens[cursor] as Token;
      const inRun = cursor > runStart;
      if (inRun && this.breaksAfter(cursor - 1)) break;
      if (
        this.isNameToken(cursor, sentence) ||
        (this.isCapitalized(t) && inRun && !t.tags.has('Date'))
      ) {
        cursor += 1;
        if (t.possessive) break;
        continue;
      }
      if (
        inRun &&
        nameParticles.has(t.lower) &&
        this.isNameToken(cursor + 1, sentence) &&
        !this.breaksAfter(cursor)
      ) {
        cursor += 1;
        continue;
      }
      // "Association of Southeast Asian Nations", "Ministry of Foreign Affairs".
      const organizationSoFar = this.tokens
        .slice(runStart, cursor)
        .some((r) => organizationHeads.has(r.lower));
      if (
        inRun &&
        organizationSoFar &&
        ['of', 'for'].includes(t.lower) &&
        !this.breaksAfter(cursor)
      ) {
        const skip = this.tokens[cursor + 1]?.lower === 'the' ? 2 : 1;
        if (this.isNameToken(cursor + skip, sentence)) {
          cursor += skip;
          continue;
        }
      }
      break;
    }
    // A particle that opens a short form: "bin Salman".
    if (
      cursor === runStart &&
      nameParticles.has(token.lower) &&
      index === runStart &&
      this.isNameToken(index + 1, sentence)
    ) {
      const known = this.knownPersonPart(this.tokens[index + 1]?.word ?? '');
      if (known) {
        mentions.push({ entity: known, first: index, last: index + 1, how: 'short' });
        return index + 2;
      }
    }
    const run = this.tokens.slice(runStart, cursor);
    const npFirst = nationalityMentions[0]?.first ?? titleStart;

    if (run.length === 0) {
      // "a spokesperson for the ministry", "a Foreign Ministry spokesperson": see statements.
      if (nationalityMentions.length > 0) mentions.push(...nationalityMentions);
      if (hasTitle && cursor > titleStart) return cursor;
      return Math.max(index + 1, nationalityMentions.length > 0 ? titleStart : index + 1);
    }

    const runWords = run.map((t) => t.word);
    const runText = this.text.slice(
      run[0]?.start ?? 0,
      (run.at(-1)?.start ?? 0) + (run.at(-1)?.word.length ?? 0),
    );
    const lowers = run.map((t) => t.lower);

    // "World Trade Organization Director-General Ngozi Okonjo-Iweala": organization, title, name.
    const headAt = lowers.findLastIndex((w) => titleHeads.has(w));
    if (headAt >= 0 && headAt < run.length - 1) {
      let titleFrom = headAt;
      while (titleFrom > 0 && titleWords.has(lowers[titleFrom - 1] ?? '')) titleFrom -= 1;
      const orgPart = run.slice(0, titleFrom);
      const names = run.slice(headAt + 1);
      const orgLike =
        orgPart.length === 0 ||
        orgPart.some((t) => organizationHeads.has(t.lower)) ||
        (orgPart.length === 1 && /^[A-Z]{2,6}$/.test(orgPart[0]?.word ?? ''));
      if (
        orgLike &&
        names.every((t) => !titleWords.has(t.lower) && !organizationHeads.has(t.lower))
      ) {
        let organization = affiliation;
        if (orgPart.length > 0) {
          const first = orgPart[0] as Token;
          const last = orgPart.at(-1) as Token;
          organization = this.organization(
            this.text.slice(first.start, last.start + last.word.length),
            nationality,
          );
          mentions.push({
            entity: organization,
            first: runStart,
            last: runStart + orgPart.length - 1,
            how: 'name',
          });
        }
        for (const m of nationalityMentions) m.attributive = true;
        const person = this.person(names.map((t) => t.word));
        const title = titleCase(
          [...titleTokens, ...run.slice(titleFrom, headAt + 1)].map((t) => t.word.toLowerCase()),
        );
        this.addRole(person, title, nationality ?? organization?.country, organization);
        mentions.push(...nationalityMentions, {
          entity: person,
          first: npFirst,
          last: cursor - 1,
          how: 'name',
        });
        this.apposition(person, npFirst, cursor, sentence, mentions);
        return cursor;
      }
    }

    // Organizations: a capitalized head word, or an acronym that is not a country.
    const isOrganization =
      lowers.some((w) => organizationHeads.has(w)) ||
      (run.length === 1 && /^[A-Z]{2,6}$/.test(run[0]?.word ?? '') && !hasTitle) ||
      (run.every((t) => t.tags.has('Organization')) &&
        !run.some((t) => t.tags.has('Person')) &&
        !hasTitle);
    if (isOrganization && !(hasTitle && !lowers.some((w) => organizationHeads.has(w)))) {
      const nameStart =
        nationalityMentions.length > 0 && this.tokens[cursor - 1]?.possessive === false
          ? (this.tokens[npFirst] as Token).start
          : (run[0] as Token).start;
      const name = this.text.slice(
        nameStart,
        (run.at(-1)?.start ?? 0) + (run.at(-1)?.word.length ?? 0),
      );
      const org = this.organization(name, nationality);
      for (const m of nationalityMentions) m.attributive = true;
      mentions.push(...nationalityMentions, {
        entity: org,
        first: npFirst,
        last: cursor - 1,
        how: 'name',
      });
      this.affiliation = { organization: org, next: cursor };
      return cursor;
    }

    // A capital city: the government ("Beijing's stance") unless it is where something happens.
    if (run.length === 1 && !hasTitle && !gender) {
      const capitalOf = countryByCapital(runText);
      const preposition = ['in', 'to', 'from', 'at', 'into', 'near', 'outside', 'via'].includes(
        previous?.lower ?? '',
      );
      if (capitalOf) {
        const country = this.country(capitalOf);
        if (preposition) places.push({ name: runText, country, first: runStart });
        else mentions.push({ entity: country, first: runStart, last: runStart, how: 'capital' });
        return cursor;
      }
    }

    const personTagged = run.some(
      (t) => t.tags.has('Person') || t.tags.has('FirstName') || t.tags.has('LastName'),
    );
    const placeTagged = run.some(
      (t) => t.tags.has('Place') || t.tags.has('City') || t.tags.has('Country'),
    );
    const known = run.length <= 2 ? this.knownPersonPart(runWords.at(-1) ?? '') : undefined;
    const attributed =
      attributionVerbs.has(this.tokens[cursor]?.lower ?? '') && !this.breaksAfter(cursor - 1);
    const isPerson =
      hasTitle ||
      gender !== undefined ||
      (known !== undefined &&
        (run.length === 1 || normalizeName(known.name).includes(normalizeName(runText)))) ||
      (run.length >= 2 && !placeTagged) ||
      (personTagged && !placeTagged) ||
      (attributed && !placeTagged);
    if (!isPerson) {
      if (placeTagged || ['in', 'to', 'from', 'at', 'near'].includes(previous?.lower ?? ''))
        places.push({ name: runText, first: runStart });
      mentions.push(...nationalityMentions);
      return cursor;
    }
    const person = this.person(runWords);
    if (gender) person.gender ??= gender;
    if (hasTitle) {
      const title = titleCase(titleTokens.map((t) => t.word.toLowerCase()));
      this.addRole(person, title, nationality ?? affiliation?.country, affiliation);
    } else if (nationality) person.country ??= nationality;
    for (const m of nationalityMentions) m.attributive = true;
    mentions.push(...nationalityMentions, {
      entity: person,
      first: npFirst,
      last: cursor - 1,
      how: runWords.length === 1 && person.name !== runText ? 'short' : 'name',
    });
    this.apposition(person, npFirst, cursor, sentence, mentions);
    return cursor;
  }

  /** Whether the capitalized words from `index` form an organization ("Foreign Ministry"). */
  private organizationEndsAt(index: number, sentence: Sentence): boolean {
    for (let i = index; i <= sentence.last; i += 1) {
      const t = this.tokens[i] as Token;
      if (!this.isCapitalized(t)) return false;
      if (organizationHeads.has(t.lower)) return true;
      if (this.breaksAfter(i)) return false;
    }
    return false;
  }

  /**
   * Roles given beside a name: "his Russian counterpart, Sergei Lavrov", "a spokesperson for
   * China's Foreign Ministry, Guo Jiakun", "Ana Ribeiro, Portugal's prime minister,".
   */
  private apposition(
    person: Entity,
    npFirst: number,
    after: number,
    sentence: Sentence,
    mentions: Mention[],
  ) {
    const before = npFirst - 1;
    if (before > sentence.first && this.tokens[before]?.post.includes(',')) {
      let start = before;
      while (
        start > sentence.first &&
        before - start < 8 &&
        !this.tokens[start - 1]?.post.includes(',')
      )
        start -= 1;
      const words = this.tokens.slice(start, before + 1);
      const lowerWords = words.map((t) => t.lower);
      const spokesperson = lowerWords.findIndex((w) => spokespersonWords.has(w));
      if (spokesperson >= 0) {
        const org = mentions.findLast(
          (m) => m.entity.kind === 'organization' && m.first >= start && m.last <= before,
        );
        this.addRole(person, 'Spokesperson', org?.entity.country, org?.entity);
        return;
      }
      const counterpart = lowerWords.indexOf('counterpart');
      if (counterpart >= 0) {
        const other = mentions.find(
          (m) => m.entity.kind === 'person' && m.entity !== person && m.last < start,
        );
        const nationality = mentions.findLast(
          (m) => m.how === 'demonym' && m.first >= start && m.last <= before,
        );
        const role = other?.entity.roles[0];
        if (role) this.addRole(person, role.title, nationality?.entity);
        else if (nationality) person.country ??= nationality.entity;
        return;
      }
      const headIndex = lowerWords.findLastIndex((w) => titleHeads.has(w));
      if (
        headIndex >= 0 &&
        !words.some(
          (t) =>
            this.isCapitalized(t) &&
            !titleWords.has(t.lower) &&
            !countryByDemonym(t.word) &&
            !countryByName(t.word),
        )
      ) {
        const titleStart = lowerWords.findIndex((w) => titleWords.has(w));
        const nationality = mentions.findLast(
          (m) =>
            (m.how === 'demonym' || m.how === 'name') &&
            m.entity.kind === 'country' &&
            m.first >= start &&
            m.last <= before,
        );
        const title = titleCase(
          words.slice(titleStart, headIndex + 1).map((t) => t.word.toLowerCase()),
        );
        this.addRole(person, title, nationality?.entity);
      }
    }
    const last = after - 1;
    if (this.tokens[last]?.post.includes(',') && after <= sentence.last) {
      let end = after;
      while (end < sentence.last && end - after < 6 && !this.tokens[end]?.post.includes(','))
        end += 1;
      const words = this.tokens.slice(after, end + 1);
      const lowerWords = words.map((t) => t.lower);
      const headIndex = lowerWords.findLastIndex((w) => titleHeads.has(w));
      if (headIndex < 0 || (!this.tokens[end]?.post.includes(',') && end !== sentence.last)) return;
      const titleStart = lowerWords.findIndex((w) => titleWords.has(w));
      if (titleStart < 0) return;
      let nationality: Entity | undefined;
      for (const t of words.slice(0, titleStart)) {
        const info = countryByName(t.word) ?? countryByDemonym(t.word);
        if (info) nationality = this.country(info);
      }
      const title = titleCase(
        words.slice(titleStart, headIndex + 1).map((t) => t.word.toLowerCase()),
      );
      this.addRole(person, title, nationality);
    }
  }

  private resolvePronoun(
    gender: 'm' | 'f',
    sentence: Sentence,
    current: Mention[],
  ): Entity | undefined {
    const fits = (e: Entity) => e.kind === 'person' && (!e.gender || e.gender === gender);
    const here = current.find((m) => fits(m.entity) && m.how !== 'demonym');
    if (here) return here.entity;
    const sentenceIndex = this.sentences.indexOf(sentence);
    const lastSpoken = this.spoken.at(-1);
    if (lastSpoken && sentenceIndex - lastSpoken.sentence <= 3 && fits(lastSpoken.speaker)) {
      lastSpoken.speaker.gender ??= gender;
      return lastSpoken.speaker;
    }
    for (let s = sentenceIndex - 1; s >= Math.max(0, sentenceIndex - 3); s -= 1) {
      const subject = this.mentions[s]?.find((m) => fits(m.entity));
      if (subject) {
        subject.entity.gender ??= gender;
        return subject.entity;
      }
    }
    return undefined;
  }

  // --- statements -------------------------------------------------------------------------

  private findStatements(sentenceIndex: number) {
    const sentence = this.sentences[sentenceIndex] as Sentence;
    const mentions = this.mentions[sentenceIndex] ?? [];
    type Claim = {
      speaker: Mention;
      verb: number;
      from: number;
      kind: Statement['kind'];
      confidence: number;
    };
    const claims: Claim[] = [];
    for (let v = sentence.first; v <= sentence.last; v += 1) {
      const token = this.tokens[v] as Token;
      const main = claims[0];
      if (token.lower === 'according' && this.tokens[v + 1]?.lower === 'to') {
        // "…, according to his office": the claim is reported by a source, not said to us.
        if (main) {
          main.kind = 'REPORT';
          continue;
        }
        const speaker =
          this.unnamedSpeakerAt(v + 2, sentence) ??
          mentions.find((m) => m.first > v && m.first <= v + 4 && this.canSpeak(m));
        if (speaker)
          claims.push({ speaker, verb: v, from: sentence.first, kind: 'REPORT', confidence: 0.6 });
        continue;
      }
      if (!attributionVerbs.has(token.lower)) continue;
      if (ambiguousVerbs.has(token.lower) && !token.tags.has('Verb')) continue;
      if (
        ['called', 'calls', 'calling'].includes(token.lower) &&
        !['for', 'on'].includes(this.tokens[v + 1]?.lower ?? '')
      )
        continue;
      // "X praised Y and said …": the same speaker; a new claim only after a verb of saying.
      if (this.tokens[v - 1]?.lower === 'and' && !this.tokens[v - 2]?.post.includes(',')) {
        const subject =
          main?.speaker ?? mentions.find((m) => m.first <= sentence.first + 1 && this.canSpeak(m));
        if (subject && clauseVerbs.has(token.lower)) {
          if (main)
            claims.push({
              speaker: subject,
              verb: v,
              from: v,
              kind: 'PARAPHRASE',
              confidence: main.confidence,
            });
          else
            claims.push({
              speaker: subject,
              verb: v,
              from: sentence.first,
              kind: 'PARAPHRASE',
              confidence: 0.7,
            });
        }
        if (subject) continue;
      }
      const speaker =
        this.unnamedSpeakerBefore(v, sentence) ?? this.speakerOf(v, sentence, mentions);
      if (!speaker) continue;
      if (!main) {
        const reported =
          this.tokens.slice(sentence.first, v).some((t) => t.lower === 'report') ||
          reportVerbs.has(token.lower);
        claims.push({
          speaker,
          verb: v,
          from: sentence.first,
          kind: reported ? 'REPORT' : 'PARAPHRASE',
          confidence: speaker.how === 'pronoun' ? 0.6 : 0.8,
        });
      } else if (speaker.entity !== main.speaker.entity && speaker.first > main.verb) {
        // "…, the agency said." at the end: the agency reports the claim of the sentence's subject.
        const trailing =
          this.tokens[speaker.first - 1]?.post.includes(',') && v >= sentence.last - 4;
        if (trailing) main.kind = 'REPORT';
        else
          claims.push({ speaker, verb: v, from: speaker.first, kind: 'REPORT', confidence: 0.5 });
      } else if (
        speaker.entity === main.speaker.entity &&
        continuingParticiples.has(token.lower) &&
        this.tokens[v - 1]?.post.includes(',')
      ) {
        claims.push({
          speaker,
          verb: v,
          from: v + (this.tokens[v + 1]?.lower === 'that' ? 2 : 1),
          kind: 'PARAPHRASE',
          confidence: main.confidence,
        });
      }
    }
    if (claims.length === 0) {
      // A quote with no attribution continues the last speaker's words in the same paragraph.
      const first = this.tokens[sentence.first] as Token;
      const last = this.spoken.at(-1);
      if (
        quoteMarks.test(first.pre) &&
        last &&
        last.paragraph >= sentence.paragraph - 1 &&
        sentenceIndex - last.sentence <= 2
      ) {
        this.addStatement(
          sentence,
          sentence.start,
          sentence.end,
          last.speaker,
          'QUOTE',
          0.5,
          mentions,
          sentenceIndex,
          undefined,
        );
      }
      return;
    }
    // Each claim runs to where the next one of the same speaker starts; reports run to the end.
    for (const [n, claim] of claims.entries()) {
      const next = claims.slice(n + 1).find((c) => c.kind !== 'REPORT' || claim.kind === 'REPORT');
      const sameSpeakerSplit =
        next && next.speaker.entity === claim.speaker.entity && next.kind !== 'REPORT';
      if (sameSpeakerSplit && next && this.tokens[next.verb - 1]?.lower === 'and') next.verb -= 1;
      const start =
        claim.from === sentence.first ? sentence.start : (this.tokens[claim.from] as Token).start;
      let end = sentence.end;
      if (sameSpeakerSplit && next) {
        const before = this.tokens[next.verb - 1] as Token;
        end = before.end;
      }
      const span = this.text.slice(start, end);
      const kind = claim.kind === 'PARAPHRASE' && /[“"]/.test(span) ? 'QUOTE' : claim.kind;
      this.addStatement(
        sentence,
        start,
        end,
        claim.speaker.entity,
        kind,
        claim.confidence,
        mentions,
        sentenceIndex,
        claim,
      );
    }
  }

  /** "an Indian official said": someone unnamed speaks (spokespeople speak for their employer). */
  private unnamedSpeakerBefore(verb: number, sentence: Sentence): Mention | undefined {
    const head = this.tokens[verb - 1];
    if (!head || !unnamedPersonHeads.has(head.lower)) return undefined;
    for (let i = verb - 2; i >= Math.max(sentence.first, verb - 6); i -= 1) {
      if (['a', 'an'].includes(this.tokens[i]?.lower ?? '')) {
        const person = this.unnamedPersonAt(i, verb - 1, sentence);
        return person ? { entity: person, first: i, last: verb - 1, how: 'name' } : undefined;
      }
    }
    return undefined;
  }

  private unnamedSpeakerAt(index: number, sentence: Sentence): Mention | undefined {
    if (!['a', 'an'].includes(this.tokens[index]?.lower ?? '')) return undefined;
    for (let j = index + 1; j <= Math.min(sentence.last, index + 5); j += 1) {
      if (unnamedPersonHeads.has(this.tokens[j]?.lower ?? '')) {
        const person = this.unnamedPersonAt(index, j, sentence);
        return person ? { entity: person, first: index, last: j, how: 'name' } : undefined;
      }
    }
    return undefined;
  }

  private canSpeak(mention: Mention): boolean {
    return mention.entity.kind === 'person' || mention.entity.kind === 'organization';
  }

  /** The speaker of the attribution verb at `verb`: the nearest speaker before it, or after a quote. */
  private speakerOf(verb: number, sentence: Sentence, mentions: Mention[]): Mention | undefined {
    const afterQuote = /[”"]/.test(this.tokens[verb - 1]?.post ?? '');
    if (!afterQuote) {
      // Skip a relative clause: "Lula, who met Xi on Monday, said …".
      let limit = verb;
      for (let i = verb - 1; i >= sentence.first && verb - i < 16; i -= 1) {
        const t = this.tokens[i] as Token;
        if (/[”"]/.test(t.post) && i < verb - 1) break;
        if (
          ['who', 'which'].includes(t.lower) &&
          this.tokens[i - 1]?.post.includes(',') &&
          this.tokens[verb - 1]?.post.includes(',')
        ) {
          limit = i;
          break;
        }
      }
      const candidate = mentions.findLast(
        (m) => m.last < limit && limit - m.last <= 6 && this.canSpeak(m),
      );
      if (candidate && !this.tokensBetweenHaveVerb(candidate.last, limit)) return candidate;
      const spokesperson = this.spokespersonBefore(verb, sentence, mentions);
      if (spokesperson) return spokesperson;
      if (candidate) return candidate;
    }
    return mentions.find((m) => m.first > verb && m.first <= verb + 4 && this.canSpeak(m));
  }

  private tokensBetweenHaveVerb(from: number, to: number): boolean {
    for (let i = from + 1; i < to; i += 1) {
      const t = this.tokens[i] as Token;
      if (
        t.tags.has('Verb') &&
        !t.tags.has('Adverb') &&
        !t.tags.has('Auxiliary') &&
        !t.tags.has('Modal')
      )
        return true;
    }
    return false;
  }

  /** "A Foreign Ministry spokesperson said": the organization speaks. */
  private spokespersonBefore(
    verb: number,
    sentence: Sentence,
    mentions: Mention[],
  ): Mention | undefined {
    for (let i = verb - 1; i >= sentence.first && verb - i <= 8; i -= 1) {
      if (!spokespersonWords.has(this.tokens[i]?.lower ?? '')) continue;
      const org = mentions.find(
        (m) => m.entity.kind === 'organization' && Math.abs(m.first - i) <= 5,
      );
      if (org) return { ...org, how: 'spokesperson' };
      const country = mentions.find(
        (m) => m.entity.kind === 'country' && Math.abs(m.first - i) <= 3,
      );
      if (country) {
        const ministry = this.entities.find(
          (e) => e.kind === 'organization' && e.country === country.entity,
        );
        if (ministry)
          return { entity: ministry, first: country.first, last: i, how: 'spokesperson' };
      }
    }
    return undefined;
  }

  private addStatement(
    sentence: Sentence,
    start: number,
    end: number,
    speaker: Entity,
    kind: Statement['kind'],
    confidence: number,
    mentions: Mention[],
    sentenceIndex: number,
    claim: { speaker: Mention; verb: number } | undefined,
  ) {
    const excerpt = this.text.slice(start, end).trim();
    if (!excerpt) return;
    const excerptStart =
      start + (this.text.slice(start, end).length - this.text.slice(start, end).trimStart().length);
    const excerptEnd = excerptStart + excerpt.length;
    const about: Statement['about'] = [];
    const seen = new Set<string>();
    const inSpan = mentions.filter((m) => {
      const t = this.tokens[m.first] as Token;
      return t.start >= excerptStart && t.start < excerptEnd;
    });
    const affiliations = new Set<Entity | undefined>([
      speaker.country,
      ...speaker.roles.flatMap((r) => [r.country, r.organization]),
    ]);
    for (const mention of inSpan) {
      if (mention.entity === speaker || mention.how === 'pronoun' || mention.attributive) continue;
      if (claim && mention.last < claim.verb && affiliations.has(mention.entity)) continue;
      if (claim && mention.first >= claim.speaker.first && mention.last <= claim.speaker.last)
        continue;
      if (seen.has(mention.entity.key)) continue;
      seen.add(mention.entity.key);
      about.push({
        subject: mention.entity.key,
        stance: this.stanceBefore(mention, sentence, inSpan),
      });
    }
    const date =
      this.statementDate(excerptStart, excerptEnd, sentence, claim) ??
      this.carriedDate(speaker, sentence);
    this.spoken.push({ speaker, sentence: sentenceIndex, paragraph: sentence.paragraph, date });
    this.statements.push({
      key: this.newKey(`${speaker.key}-statement-${this.statements.length + 1}`, 'statement'),
      speaker: speaker.key,
      text: excerpt,
      kind,
      date,
      about,
      excerpt,
      confidence,
      verification: 'EXTRACTED',
    });
  }

  /** The stance a cue word before a subject gives it: "praised X", "support for X", "angry at X". */
  private stanceBefore(
    mention: Mention,
    sentence: Sentence,
    inSpan: Mention[],
  ): StanceValue | null {
    for (let i = mention.first - 1; i >= sentence.first && mention.first - i <= 8; i -= 1) {
      const t = this.tokens[i] as Token;
      const cue = stanceCues.get(t.lower);
      if (cue) return cue;
      if (
        ['.', ';'].some((p) => t.post.includes(p)) ||
        ['but', 'while', 'which', 'that', 'whose'].includes(t.lower)
      )
        return null;
      // Another subject between: the cue is its, unless joined by "and" / "or" / a comma.
      const other = inSpan.find((m) => m !== mention && m.last === i);
      if (other) {
        const joiner = this.tokens[i + 1];
        if (!(joiner && ['and', 'or', 'nor'].includes(joiner.lower)) && !t.post.includes(','))
          return null;
        i = other.first;
      }
    }
    return null;
  }

  // --- dates ------------------------------------------------------------------------------

  /** Dates in the text from `start` to `end`, quotations left out (their dates are the speaker's subject). */
  private datesIn(start: number, end: number, sentence: Sentence): { at: number; date: string }[] {
    return this.sentenceDates(sentence).filter(({ at }) => at >= start && at < end);
  }

  private dateCache = new Map<Sentence, { at: number; date: string }[]>();

  /** The dates of a sentence outside its quotations, parsed once (chrono is the costly part). */
  private sentenceDates(sentence: Sentence): { at: number; date: string }[] {
    const cached = this.dateCache.get(sentence);
    if (cached) return cached;
    const text = this.text
      .slice(sentence.start, sentence.end)
      .replace(/[“"][^”"]*[”"]/g, (quote) => ' '.repeat(quote.length));
    let dates: { at: number; date: string }[] = [];
    if (dateWords.test(text)) {
      const results = this.published
        ? chrono.parse(text, this.published, { forwardDate: this.isFuture(sentence) })
        : chrono.parse(text);
      dates = results.flatMap((result) => {
        const date = this.partialDate(result, sentence);
        return date ? [{ at: sentence.start + result.index, date }] : [];
      });
    }
    this.dateCache.set(sentence, dates);
    return dates;
  }

  /**
   * When a statement was made: a date before its verb, or right after a verb of saying ("said on
   * Thursday that …"); the rest of what is said dates what it is about, not when it was said.
   */
  private statementDate(
    start: number,
    end: number,
    sentence: Sentence,
    claim: { speaker: Mention; verb: number } | undefined,
  ): string | null {
    const verb = claim?.verb ?? -1;
    const verbToken = this.tokens[verb];
    const saying =
      verbToken && (clauseVerbs.has(verbToken.lower) || verbToken.lower === 'according');
    const speakerStart = claim ? (this.tokens[claim.speaker.first] as Token).start : start;
    const that = this.tokens.slice(verb + 1, verb + 4).find((t) => t.lower === 'that');
    const soon = that?.start ?? this.tokens[verb + 4]?.start ?? end;
    for (const { at, date } of this.datesIn(start, end, sentence)) {
      if (!verbToken || !saying) return date;
      // Between the speaker and the verb ("The Kremlin on Monday denied"), or right after the verb.
      if (at >= Math.min(speakerStart, verbToken.start) && at < verbToken.start) return date;
      if (at > verbToken.start && at < soon) return date;
    }
    return null;
  }

  private partialDate(result: chrono.ParsedResult, sentence: Sentence): string | null {
    const start = result.start;
    if (!this.published && !start.isCertain('year')) return null;
    // "May" the month, not the verb; a bare number is no date.
    if (/^\s*(?:may|march)\s*$/i.test(result.text) && !/^\p{Lu}/u.test(result.text.trim()))
      return null;
    const date = start.date();
    let day = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
    const weekdayOnly = start.isCertain('weekday') && !start.isCertain('day');
    if (weekdayOnly && this.published && !this.isFuture(sentence) && day > this.published) {
      day = new Date(day.getTime() - 7 * 86_400_000);
    }
    const iso = day.toISOString();
    if (/\bweeks?\b/i.test(result.text)) return iso.slice(0, 7);
    if (
      start.isCertain('day') ||
      weekdayOnly ||
      /\b(?:yesterday|today|tomorrow)\b/i.test(result.text)
    )
      return iso.slice(0, 10);
    if (start.isCertain('month')) return iso.slice(0, 7);
    if (start.isCertain('year')) return iso.slice(0, 4);
    return null;
  }

  private isFuture(sentence: Sentence): boolean {
    const words = this.tokens.slice(sentence.first, sentence.last + 1).map((t) => t.lower);
    return words.some(
      (w, i) =>
        ['will', 'set', 'scheduled', 'expected', 'plans', 'due'].includes(w) &&
        (w !== 'set' || words[i + 1] === 'to'),
    );
  }

  /** A statement with no date of its own, in the same paragraph as the same speaker's dated one. */
  private carriedDate(speaker: Entity, sentence: Sentence): string | null {
    const earlier = this.spoken.findLast(
      (s) => s.paragraph === sentence.paragraph && s.speaker === speaker,
    );
    return earlier?.date ?? null;
  }

  // --- meetings ---------------------------------------------------------------------------

  private findMeetings(sentenceIndex: number) {
    const sentence = this.sentences[sentenceIndex] as Sentence;
    const mentions = this.mentions[sentenceIndex] ?? [];
    let cueIndex = -1;
    let kind: Meeting['kind'] | undefined;
    for (let i = sentence.first; i <= sentence.last; i += 1) {
      const t = this.tokens[i] as Token;
      let cue = meetingCues.get(t.lower);
      if (
        t.lower === 'call' &&
        !['phone', 'telephone', 'video'].includes(this.tokens[i - 1]?.lower ?? '')
      )
        cue = undefined;
      if (
        t.lower === 'spoke' &&
        ['phone', 'telephone'].some((w) => this.tokens.slice(i, i + 4).some((n) => n.lower === w))
      )
        cue = 'CALL';
      if (cue) {
        if (cueIndex < 0) cueIndex = i;
        if (kind === undefined || cue === 'CALL') kind = cue === 'SUMMIT' ? 'TALKS' : cue;
      }
    }
    if (cueIndex < 0 || !kind) return;
    const words = this.tokens.slice(sentence.first, sentence.last + 1).map((t) => t.lower);
    // "denied a report that X met Y", "sent no envoy to meet X": no meeting.
    const cueAt = cueIndex - sentence.first;
    if (words.slice(0, cueAt).some((w) => negations.has(w))) return;
    const participants: Entity[] = [];
    for (const mention of mentions) {
      if (mention.entity.kind === 'person' && !participants.includes(mention.entity))
        participants.push(mention.entity);
    }
    const unnamed = this.unnamedPerson(sentence, cueIndex);
    if (unnamed && !participants.includes(unnamed)) participants.push(unnamed);
    // "The two leaders will meet again": the pair of the last meeting.
    const pair = words.some(
      (w, i) =>
        ['two', 'both'].includes(w) &&
        (w === 'both' || words[i - 1] === 'the') &&
        pairNouns.has(words[i + 1] ?? ''),
    );
    const previous = this.meetings.at(-1);
    if (participants.length === 0 && pair && previous?.participants.length === 2) {
      for (const key of previous.participants) {
        const person = this.entities.find((e) => e.key === key);
        if (person && !participants.includes(person)) participants.push(person);
      }
    }
    if (participants.length < 2) return;
    if (participants.length >= 3 && words.includes('summit')) kind = 'SUMMIT';
    const cancelled = words.some(
      (w, i) => cancelledCues.has(w) || (w === 'called' && words[i + 1] === 'off'),
    );
    const scheduled =
      words.some((w, i) => scheduledCues.has(w) && (w !== 'set' || words[i + 1] === 'to')) ||
      words.some((w, i) => w === 'to' && meetingVerbs.has(words[i + 1] ?? ''));
    const status: Meeting['status'] = cancelled ? 'CANCELLED' : scheduled ? 'SCHEDULED' : 'HELD';
    const cue = this.tokens[cueIndex] as Token;
    // The meeting's date is in its own clause: "held talks …, their first since … last year".
    let clauseEnd = cueIndex;
    while (clauseEnd < sentence.last && !/[,;]/.test(this.tokens[clauseEnd]?.post ?? ''))
      clauseEnd += 1;
    const clauseEndOffset =
      clauseEnd === sentence.last ? sentence.end : (this.tokens[clauseEnd] as Token).end;
    let date = this.datesIn(cue.start, clauseEndOffset, sentence)[0]?.date ?? null;
    if (!date && meetingVerbs.has(cue.lower))
      date = this.datesIn(sentence.start, cue.start, sentence)[0]?.date ?? null;
    const place =
      this.places[sentenceIndex]?.find((p) => p.first > cueIndex) ??
      this.places[sentenceIndex]?.[0];
    const participantKeys = participants
      .map((p) => p.key)
      .sort()
      .join(' ');
    const excerpt = this.text.slice(sentence.start, sentence.end);
    const existing = this.meetings.find(
      (m) =>
        m.participantKeys === participantKeys &&
        (m.date === null || date === null || m.date === date) &&
        !words.includes('again'),
    );
    if (existing) {
      existing.date ??= date;
      if (status !== 'HELD') existing.status = status;
      existing.placeName ??= place?.name ?? null;
      if (!existing.country && place?.country) existing.country = place.country.key;
      return;
    }
    this.meetings.push({
      key: this.newKey(`meeting-${participants.map((p) => p.key).join('-')}`, 'meeting'),
      kind,
      status,
      topic: null,
      placeName: place?.name ?? null,
      ...(place?.country ? { country: place.country.key } : {}),
      date,
      participants: participants.map((p) => p.key),
      excerpt,
      confidence: 0.7,
      verification: 'EXTRACTED',
      participantKeys,
    });
  }

  /** "a senior Russian security official", met "with" someone: a person the article does not name. */
  private unnamedPerson(sentence: Sentence, cueIndex: number): Entity | undefined {
    for (let i = cueIndex; i <= sentence.last; i += 1) {
      const article = this.tokens[i] as Token;
      if (!['a', 'an'].includes(article.lower)) continue;
      const before = this.tokens[i - 1]?.lower ?? '';
      if (before !== 'with' && !meetingVerbs.has(before)) continue;
      for (let j = i + 1; j <= Math.min(sentence.last, i + 5); j += 1) {
        const t = this.tokens[j] as Token;
        if (unnamedPersonHeads.has(t.lower)) return this.unnamedPersonAt(i, j, sentence);
        if (this.isCapitalized(t) && !countryByDemonym(t.word)) break;
      }
    }
    return undefined;
  }

  /** The person described from the article at `article` to the head noun at `head`. */
  private unnamedPersonAt(article: number, head: number, sentence: Sentence): Entity | undefined {
    if (this.isNameToken(head + 1, sentence) && !this.breaksAfter(head)) return undefined;
    const words = this.tokens.slice(article + 1, head + 1);
    const last = this.tokens[head] as Token;
    const description = this.text.slice(words[0]?.start ?? 0, last.end);
    let country: Entity | undefined;
    const titleWordsOnly: string[] = [];
    for (const w of words) {
      const info = countryByDemonym(w.word);
      if (info) country = this.country(info);
      else titleWordsOnly.push(w.word.toLowerCase());
    }
    const name = `Unnamed ${description}`;
    const existing = this.entities.find((e) => e.kind === 'person' && e.name === name);
    if (existing) return existing;
    const person: Entity = {
      kind: 'person',
      key: this.newKey(name, 'person'),
      name,
      aliases: new Set(),
      roles: [],
      seen: head,
      country,
    };
    const title = titleWordsOnly.join(' ');
    if (country) person.roles.push({ title: title[0]?.toUpperCase() + title.slice(1), country });
    this.entities.push(person);
    return person;
  }

  // --- the document -----------------------------------------------------------------------

  document(input: DraftInput): Draft {
    const used = (e: Entity) => e;
    const countries = this.entities.filter((e) => e.kind === 'country').map(used);
    const organizations = this.entities.filter((e) => e.kind === 'organization');
    const people = this.entities.filter((e) => e.kind === 'person');
    const aliases = (e: Entity) =>
      [...e.aliases].filter((a) => normalizeName(a) !== normalizeName(e.name));
    const firstSentence = this.sentences[0];
    const fallbackTitle = firstSentence
      ? this.text.slice(firstSentence.start, firstSentence.end).slice(0, 200)
      : 'Untitled';
    return {
      format: articleFormat,
      source: {
        // A title is one line of plain text (control characters are refused in names and titles).
        title: oneLine(input.title ?? '') || oneLine(fallbackTitle) || 'Untitled',
        publisher: null,
        url: input.url ?? null,
        publishedOn: input.publishedOn ?? null,
        language: 'en',
        text: this.text,
      },
      countries: countries.map((c) => ({
        key: c.key,
        name: c.name,
        iso2: c.iso?.iso2 ?? '',
        iso3: c.iso?.iso3 ?? '',
        aliases: [],
      })),
      organizations: organizations.map((o) => ({
        key: o.key,
        name: o.name,
        aliases: aliases(o),
        ...(o.country ? { country: o.country.key } : {}),
      })),
      people: people.map((p) => ({
        key: p.key,
        name: p.name,
        aliases: aliases(p),
        ...(p.country ? { country: p.country.key } : {}),
        roles: p.roles
          .filter((r) => r.country || r.organization)
          .map((r) => ({
            title: r.title,
            ...(r.country ? { country: r.country.key } : {}),
            ...(r.organization ? { organization: r.organization.key } : {}),
          })),
      })),
      statements: this.statements,
      meetings: this.meetings.map(({ participantKeys: _, ...meeting }) => meeting),
    };
  }
}

/** Text on one line: every run of white space (line breaks, tabs) and other controls one space. */
function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}
