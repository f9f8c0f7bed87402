// How close a draft comes to a curator's annotation of the same article: precision, recall and F1
// per kind. Counts are kept so that the scores of several articles add up (micro-averages).
import type { ArticleDocument } from '../ingest/article-format.js';
import { normalizeName } from '../shared/normalize-name.js';

export type Counts = { matched: number; drafted: number; gold: number };
export type Share = { right: number; total: number };
export type DraftScore = {
  entities: Counts;
  statements: Counts;
  /** Subjects of matched statements. */
  subjects: Counts;
  /** Stances of the subjects matched in matched statements. */
  stances: Share;
  meetings: Counts;
  /** Dates of matched statements and meetings (an undated item matches an undated one). */
  dates: Share;
  /** Draft excerpts that occur exactly in the source text. */
  excerpts: Share;
};

export type Rates = { precision: number; recall: number; f1: number };

export function rates({ matched, drafted, gold }: Counts): Rates {
  const precision = drafted === 0 ? (gold === 0 ? 1 : 0) : matched / drafted;
  const recall = gold === 0 ? (drafted === 0 ? 1 : 0) : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export const share = ({ right, total }: Share) => (total === 0 ? 1 : right / total);

type Entity = { key: string; name?: string; aliases?: string[]; iso2?: string };
type Document = Pick<
  ArticleDocument,
  'source' | 'countries' | 'organizations' | 'people' | 'statements' | 'meetings'
>;

/** Scores a draft against the gold annotation of the same text. */
export function scoreDraft(gold: Document, draft: Document): DraftScore {
  const text = gold.source.text;
  // Draft key → gold key, one to one, per kind of entity.
  const mapping = new Map<string, string>();
  let entitiesMatched = 0;
  for (const kind of ['countries', 'organizations', 'people'] as const) {
    const taken = new Set<string>();
    const goldEntities = gold[kind] as Entity[];
    for (const drafted of draft[kind] as Entity[]) {
      const name = normalizeName(drafted.name ?? '');
      const match = goldEntities.find(
        (g) =>
          !taken.has(g.key) &&
          ((g.iso2 !== undefined && g.iso2 === drafted.iso2) ||
            [g.name ?? '', ...(g.aliases ?? [])].some((n) => normalizeName(n) === name)),
      );
      if (!match) continue;
      taken.add(match.key);
      mapping.set(drafted.key, match.key);
      entitiesMatched += 1;
    }
  }
  const mapped = (key: string) => mapping.get(key) ?? `draft:${key}`;
  const count = (d: Document) => d.countries.length + d.organizations.length + d.people.length;

  const span = (excerpt: string) => {
    const start = text.indexOf(excerpt);
    return start < 0 ? undefined : { start, end: start + excerpt.length };
  };
  const overlap = (a: string, b: string) => {
    const x = span(a);
    const y = span(b);
    return x && y ? Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start)) : 0;
  };

  // Statements: the same speaker and overlapping excerpts, best overlaps paired first.
  const pairs: { d: number; g: number; overlap: number }[] = [];
  for (const [d, drafted] of draft.statements.entries()) {
    for (const [g, annotated] of gold.statements.entries()) {
      if (mapped(drafted.speaker) !== annotated.speaker) continue;
      const shared = overlap(drafted.excerpt, annotated.excerpt);
      if (shared > 0) pairs.push({ d, g, overlap: shared });
    }
  }
  pairs.sort((a, b) => b.overlap - a.overlap);
  const pairedDraft = new Set<number>();
  const pairedGold = new Set<number>();
  const statementPairs: [number, number][] = [];
  for (const pair of pairs) {
    if (pairedDraft.has(pair.d) || pairedGold.has(pair.g)) continue;
    pairedDraft.add(pair.d);
    pairedGold.add(pair.g);
    statementPairs.push([pair.d, pair.g]);
  }

  const subjects: Counts = { matched: 0, drafted: 0, gold: 0 };
  const stances: Share = { right: 0, total: 0 };
  const dates: Share = { right: 0, total: 0 };
  for (const [d, g] of statementPairs) {
    const drafted = draft.statements[d] as Document['statements'][number];
    const annotated = gold.statements[g] as Document['statements'][number];
    const goldAbout = new Map(annotated.about.map((a) => [a.subject, a.stance]));
    subjects.drafted += drafted.about.length;
    subjects.gold += annotated.about.length;
    for (const about of drafted.about) {
      const subject = mapped(about.subject);
      if (!goldAbout.has(subject)) continue;
      subjects.matched += 1;
      stances.total += 1;
      if ((about.stance ?? null) === (goldAbout.get(subject) ?? null)) stances.right += 1;
    }
    dates.total += 1;
    if ((drafted.date ?? null) === (annotated.date ?? null)) dates.right += 1;
  }

  // Meetings: the same set of participants.
  const participants = (keys: string[], map: (k: string) => string) =>
    keys.map(map).sort().join('\n');
  const takenMeetings = new Set<number>();
  let meetingsMatched = 0;
  for (const drafted of draft.meetings) {
    const set = participants(drafted.participants, mapped);
    const g = gold.meetings.findIndex(
      (m, i) => !takenMeetings.has(i) && participants(m.participants, (k) => k) === set,
    );
    if (g < 0) continue;
    takenMeetings.add(g);
    meetingsMatched += 1;
    dates.total += 1;
    if ((drafted.date ?? null) === (gold.meetings[g]?.date ?? null)) dates.right += 1;
  }

  const excerpts = [...draft.statements, ...draft.meetings].map((item) => item.excerpt);
  return {
    entities: { matched: entitiesMatched, drafted: count(draft), gold: count(gold) },
    statements: {
      matched: statementPairs.length,
      drafted: draft.statements.length,
      gold: gold.statements.length,
    },
    subjects,
    stances,
    meetings: {
      matched: meetingsMatched,
      drafted: draft.meetings.length,
      gold: gold.meetings.length,
    },
    dates,
    excerpts: {
      right: excerpts.filter((e) => draft.source.text.includes(e) && text.includes(e)).length,
      total: excerpts.length,
    },
  };
}

/** The scores of several articles as one (sums of counts). */
export function addScores(scores: DraftScore[]): DraftScore {
  const counts = (pick: (s: DraftScore) => Counts): Counts => ({
    matched: scores.reduce((n, s) => n + pick(s).matched, 0),
    drafted: scores.reduce((n, s) => n + pick(s).drafted, 0),
    gold: scores.reduce((n, s) => n + pick(s).gold, 0),
  });
  const shares = (pick: (s: DraftScore) => Share): Share => ({
    right: scores.reduce((n, s) => n + pick(s).right, 0),
    total: scores.reduce((n, s) => n + pick(s).total, 0),
  });
  return {
    entities: counts((s) => s.entities),
    statements: counts((s) => s.statements),
    subjects: counts((s) => s.subjects),
    stances: shares((s) => s.stances),
    meetings: counts((s) => s.meetings),
    dates: shares((s) => s.dates),
    excerpts: shares((s) => s.excerpts),
  };
}

/** The targets a draft of the development set must meet (issue 12). */
export const targets = {
  entitiesF1: 0.9,
  statementsF1: 0.75,
  subjectsF1: 0.7,
  meetingsF1: 0.8,
  datesRight: 0.9,
  excerptsExact: 1,
};

/** The figures compared with the targets. */
export function headline(score: DraftScore): Record<keyof typeof targets, number> {
  return {
    entitiesF1: rates(score.entities).f1,
    statementsF1: rates(score.statements).f1,
    subjectsF1: rates(score.subjects).f1,
    meetingsF1: rates(score.meetings).f1,
    datesRight: share(score.dates),
    excerptsExact: share(score.excerpts),
  };
}

/** A plain-text table of the scores. */
export function formatScore(score: DraftScore): string {
  const figure = (n: number) => n.toFixed(2);
  const lines = ['kind         precision  recall  F1     matched/drafted/gold'];
  const row = (label: string, counts: Counts) => {
    const r = rates(counts);
    lines.push(
      `${label.padEnd(13)}${figure(r.precision).padEnd(11)}${figure(r.recall).padEnd(8)}${figure(r.f1).padEnd(7)}${counts.matched}/${counts.drafted}/${counts.gold}`,
    );
  };
  row('entities', score.entities);
  row('statements', score.statements);
  row('subjects', score.subjects);
  row('meetings', score.meetings);
  const shareRow = (label: string, s: Share) =>
    lines.push(`${label.padEnd(13)}${figure(share(s))} right (${s.right}/${s.total})`);
  shareRow('stances', score.stances);
  shareRow('dates', score.dates);
  shareRow('excerpts', score.excerpts);
  return lines.join('\n');
}
