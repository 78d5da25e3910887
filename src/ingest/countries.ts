/**
 * Every ISO 3166-1 country, from the i18n-iso-countries package (not a hand-typed list), as a
 * bundle cited to that package: English names, with Azerbaijani and Russian names as aliases
 * so they are found however a researcher types them.
 */
import countries from 'i18n-iso-countries';
import type { Bundle, BundleEntity } from './bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageVersion = (require('i18n-iso-countries/package.json') as { version: string }).version;
const aliasLanguages = ['az', 'ru', 'tr'] as const;

export const countrySourceId = 'source:i18n-iso-countries';

export function countryBundle(): Bundle {
  const english = countries.getNames('en', { select: 'all' });
  const entities: BundleEntity[] = Object.entries(countries.getAlpha2Codes()).map(([code, alpha3]) => {
    const englishNames = english[code] ?? [code];
    const aliases = [
      ...englishNames.slice(1),
      ...aliasLanguages.flatMap((language) => countries.getNames(language, { select: 'all' })[code] ?? []),
    ];
    return {
      id: `country:${code}`,
      type: 'Country',
      name: englishNames[0]!,
      aliases: [...new Set(aliases)].filter((alias) => alias !== englishNames[0]),
      quotes: [],
      attributes: { code, alpha3 },
    };
  });
  return {
    format: 'coopgraph-bundle/1',
    source: {
      id: countrySourceId,
      title: `ISO 3166-1 country codes and names (i18n-iso-countries ${packageVersion})`,
      publisher: 'i18n-iso-countries contributors',
      language: 'en',
      url: 'https://www.npmjs.com/package/i18n-iso-countries',
      text: null,
    },
    entities,
    relations: [],
  };
}
