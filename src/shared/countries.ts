// The ISO 3166 table, from the maintained `world-countries` data set: codes, names, alternative
// spellings and English demonyms. The article format, the extractor and the linker all read it
// from here.
import type { Country } from 'world-countries';
import worldCountriesModule from 'world-countries';
import { normalizeName } from './normalize-name.js';

export type CountryInfo = {
  /** The common English name ("Russia"). */
  name: string;
  /** The official English name ("Russian Federation"). */
  officialName: string;
  iso2: string;
  iso3: string;
  /** Other English names and abbreviations the data set knows (codes excluded). */
  alternativeNames: string[];
  /** English demonyms ("Russian", "North Korean"); the data set's masculine and feminine forms. */
  demonyms: string[];
  /** Capital cities ("Moscow"); wire stories name a government by its capital. */
  capitals: string[];
};

const latinLetters = /^[\p{Script=Latin}\p{N}\s.,'’()-]+$/u;

// Sovereign states first, so that a name or demonym shared with a territory ("American") denotes
// the state.
// The package's types declare an ES default export; Node hands over its CommonJS array as is.
const worldCountries = worldCountriesModule as unknown as Country[];
const bySovereignty = [...worldCountries].sort(
  (a, b) => Number(b.independent) - Number(a.independent),
);

export const countries: readonly CountryInfo[] = bySovereignty.map((entry) => ({
  name: entry.name.common,
  officialName: entry.name.official,
  iso2: entry.cca2,
  iso3: entry.cca3,
  alternativeNames: entry.altSpellings.filter(
    (spelling) => spelling !== entry.cca2 && latinLetters.test(spelling),
  ),
  demonyms: [
    ...new Set([entry.demonyms?.eng?.m, entry.demonyms?.eng?.f].filter((d): d is string => !!d)),
  ],
  capitals: entry.capital.filter((capital) => latinLetters.test(capital)),
}));

const byIso2 = new Map(countries.map((country) => [country.iso2, country]));
const byName = new Map<string, CountryInfo>();
const byDemonym = new Map<string, CountryInfo>();
const byCapital = new Map<string, CountryInfo>();
for (const country of countries) {
  for (const name of [country.name, country.officialName, ...country.alternativeNames]) {
    const key = normalizeName(name);
    if (!byName.has(key)) byName.set(key, country);
  }
  for (const demonym of country.demonyms) {
    const key = normalizeName(demonym);
    if (!byDemonym.has(key)) byDemonym.set(key, country);
  }
  for (const capital of country.capitals) {
    const key = normalizeName(capital);
    if (!byCapital.has(key)) byCapital.set(key, country);
  }
}

/** The country with this ISO 3166-1 alpha-2 code (upper case), if it is one. */
export function countryByIso2(iso2: string): CountryInfo | undefined {
  return byIso2.get(iso2);
}

/** The country a name or alternative spelling denotes, ignoring case and accents. */
export function countryByName(name: string): CountryInfo | undefined {
  return byName.get(normalizeName(name));
}

/** The country an English demonym denotes ("Chinese" → China), ignoring case. */
export function countryByDemonym(demonym: string): CountryInfo | undefined {
  return byDemonym.get(normalizeName(demonym));
}

/** The country whose capital this is ("Moscow" → Russia), ignoring case and accents. */
export function countryByCapital(city: string): CountryInfo | undefined {
  return byCapital.get(normalizeName(city));
}
