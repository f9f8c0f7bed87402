// The English words the extractor keys on: titles, organization heads, attribution verbs, stance
// and meeting cues. Ordinary wire-service vocabulary, nothing about particular people or articles.

const words = (text: string) => new Set(text.trim().split(/\s+/));

/** Words a title is made of ("Foreign Minister", "Deputy Prime Minister", "Crown Prince"). */
export const titleWords = words(`
  president vice deputy prime minister ministers foreign defence defense finance interior trade
  economy economic affairs justice health energy home environment agriculture education culture
  state secretary secretary-general director-general general chancellor premier king queen prince
  princess crown emperor sultan emir sheikh pope ayatollah supreme leader chief head chairman
  chairwoman chair chairperson spokesperson spokesman spokeswoman ambassador envoy special senator
  governor mayor commander director adviser advisor national security intelligence senior top
  representative speaker lawmaker legislator mp general lieutenant colonel admiral marshal
  executive attorney prosecutor judge officer official diplomat negotiator counterpart cabinet
`);

/** The word of a title that names the office ("minister" in "foreign minister"). */
export const titleHeads = words(`
  president minister secretary secretary-general director-general chancellor premier king queen
  prince princess emperor sultan emir sheikh pope ayatollah leader chief head chairman chairwoman
  chair chairperson spokesperson spokesman spokeswoman ambassador envoy senator governor mayor
  commander director adviser advisor representative speaker lawmaker legislator general admiral
  marshal colonel executive attorney prosecutor judge
`);

/** Spokespeople speak for the organization they are attached to. */
export const spokespersonWords = words('spokesperson spokesman spokeswoman');

/** Lower-case descriptions of an unnamed person ("a senior Russian security official"). */
export const unnamedPersonHeads = words(
  'official diplomat envoy officer commander negotiator delegation minister aide',
);

/** Honorifics before a surname. */
export const honorifics = words('mr mrs ms dr sir dame prof');

/** Capitalized words that make a name an organization ("Foreign Ministry", "Security Council"). */
export const organizationHeads = words(`
  ministry ministries organization organisation bank council union agency fund committee party
  commission office department institute university court parliament assembly congress senate
  kremlin pentagon forces army navy command association federation group company corporation
  corp inc ltd authority service services intelligence alliance embassy government cabinet
  house secretariat bureau board nations tribunal police guard movement front network programme program
  foundation times post news press agency reuters
`);

/** Lower-case heads that make "<Demonym> <head>" an organization ("South Korean intelligence"). */
export const demonymOrganizationHeads = words(
  'intelligence military army navy police parliament ministry embassy government',
);

/** Lower-case words between a nationality and an organization head ("foreign ministry"). */
export const organizationModifiers = words(
  'foreign defence defense interior finance health trade justice economy energy state',
);

/** Lower-case nouns that refer back to the last organization with that head ("the ministry"). */
export const organizationAnaphors = words(
  'ministry agency bank organization organisation council committee union alliance company group embassy fund',
);

/** Lower-case particles inside personal names ("bin", "da", "van der"). */
export const nameParticles = words(
  'bin bint ibn al el da de do dos das di del della van von der den la le du ter ben abu y',
);

/** Verbs that attribute a claim to a speaker. */
export const attributionVerbs = words(`
  said says say told tells added adds adding warned warns warning urged urges urging noted notes
  noting stressed stresses stressing emphasized emphasised emphasizes emphasises emphasizing
  insisted insists insisting argued argues arguing claimed claims claiming denied denies denying
  rejected rejects rejecting dismissed dismisses accused accuses accusing criticized criticised
  criticizes criticises criticizing criticising praised praises praising welcomed welcomes
  condemned condemns condemning reiterated reiterates clarified clarifies asserted asserts
  expressed expresses announced announces stated declared declares explained explains confirmed
  confirms acknowledged acknowledges voiced wrote writes posted vowed vows pledged pledges
  promised promises demanded demands blamed blames slammed hailed hails questioned questions
  questioning suggested suggests reported reports replied responded countered cautioned
  predicted admitted conceded complained lamented thanked assured signalled signaled
  called calls calling described describes maintained maintains
`);

/** Attribution verbs that are also nouns: counted only where tagged as verbs. */
export const ambiguousVerbs = words(
  'says say claims reports questions calls notes demands promises pledges vows posts states',
);

/** Verbs of saying followed by what was said ("said the package should …"). */
export const clauseVerbs = words(`
  said says say told tells added adds warned warns noted notes stressed stresses emphasized
  emphasised insisted insists argued argues claimed claims asserted asserts confirmed confirms
  announced announces explained explains acknowledged suggested suggests reported reports replied
  responded predicted admitted conceded complained assured maintained declared stated vowed
  pledged promised wrote posted urged urges
`);

/** Participles that start a further claim of the same speaker (", adding that …"). */
export const continuingParticiples = words(
  'adding noting saying warning stressing insisting arguing claiming urging emphasizing',
);

/** Verbs whose claims are reports rather than the speaker's own words. */
export const reportVerbs = words('reported reports suggested suggests');

export type StanceValue = 'SUPPORTS' | 'CRITICIZES' | 'NEUTRAL' | 'DENIES';

/** Cue words (lower case, prefixes allowed with a trailing "*") and the stance they signal. */
const stanceCueList: [StanceValue, string][] = [
  [
    'SUPPORTS',
    `support supports supported supporting backing backed backs praise praised praises praising
     welcomed welcomes welcoming hailed hails endorsed endorses applauded commended cooperation
     solidarity friendship partnership thanked`,
  ],
  [
    'CRITICIZES',
    `criticized criticised criticizes criticises criticizing criticising criticism condemned
     condemns condemning condemnation accused accuses accusing blamed blames blaming slammed
     denounced denounces rebuked lambasted angry furious pissed frustrated questioned questioning
     attacked against warned`,
  ],
  ['NEUTRAL', 'neutral neutrality impartial impartiality'],
  ['DENIES', 'denied denies deny denying rejected rejects dismissed refuted'],
];

export const stanceCues = new Map<string, StanceValue>(
  stanceCueList.flatMap(([stance, list]) => [...words(list)].map((w) => [w, stance] as const)),
);

/** Words that mark a meeting, with the kind of meeting they suggest. */
export const meetingCues = new Map<string, 'TALKS' | 'CALL' | 'VISIT' | 'SUMMIT' | 'DISCUSSION'>([
  ['talks', 'TALKS'],
  ['met', 'TALKS'],
  ['meet', 'TALKS'],
  ['meets', 'TALKS'],
  ['meeting', 'TALKS'],
  ['hosted', 'VISIT'],
  ['hosts', 'VISIT'],
  ['visit', 'VISIT'],
  ['visited', 'VISIT'],
  ['visits', 'VISIT'],
  ['visiting', 'VISIT'],
  ['summit', 'SUMMIT'],
  ['call', 'CALL'],
  ['phoned', 'CALL'],
  ['discussions', 'DISCUSSION'],
]);

/** Verbs used as meeting cues: a date before them in the sentence is the meeting's date. */
export const meetingVerbs = words('met meet meets hosted hosts visited visits phoned');

/** Words before a meeting cue that say it did not happen ("denied … met", "no envoy to meet"). */
export const negations = words('no not never denied denies deny dismissed rejected refuted');

/** "the two leaders", "both ministers": a pair of people named before. */
export const pairNouns = words(
  'leaders ministers presidents heads men women diplomats envoys sides',
);

/** Words that put a meeting in the future ("is set to", "will", "next week"). */
export const scheduledCues = words(
  'will would set plans plan planned scheduled expected upcoming next due later',
);
/** Words that call a meeting off ("called off" is checked as a pair). */
export const cancelledCues = words('cancelled canceled postponed scrapped');
