/**
 * Checks of client arguments, done in resolvers before anything reaches a repository: each
 * failure is an InvalidArgumentError naming the argument's path and what was expected (the
 * errors plugin makes it BAD_USER_INPUT). What passes comes out normalised for the Cypher layer.
 */
import isoCountries from 'i18n-iso-countries';
import type { EntityFilter } from '../cypher/filters';
import { InvalidArgumentError } from '../errors';
import { parsePartialDate } from '../model/values';
import { entitySpec, entityTypeNames } from '../model/registry';
import { isLanguageCode } from '../model/names';

/** How deep RelationFilter.where may nest. */
export const maxFilterDepth = 3;
/** Relation filters (each an EXISTS subquery) in one filter, all levels together. */
export const maxRelationFilters = 10;

/** Validates a partial-date argument; returns it or null. */
export function dateArgument(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!parsePartialDate(value)) throw new InvalidArgumentError(argument, 'a date as YYYY, YYYY-MM or YYYY-MM-DD', value);
  return value;
}

/**
 * A moment to read from (the audit trail's since): a partial date (2026, 2026-11, 2026-11-26)
 * or a date-time with an offset (2026-11-26T10:00:00+04:00), as the UTC prefix the trail's
 * times compare with; null when not given.
 */
export function sinceArgument(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (parsePartialDate(value)) return value;
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime()))
    throw new InvalidArgumentError(
      argument,
      'a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date-time with an offset (2026-11-26T10:00:00Z)',
      value,
    );
  return instant.toISOString();
}

/** A language argument (Entity.name(lang), explanations, titles): an ISO 639-1 code, lower-cased; null when not given. */
export function languageArgument(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const code = value.toLowerCase();
  if (!isLanguageCode(code)) throw new InvalidArgumentError(argument, 'an ISO 639-1 language code (two letters, e.g. "en")', value);
  return code;
}

/** A name to match (a metric): trimmed, 1 to `maxLength` characters; null when not given. */
export function nameArgument(argument: string, value: string | null | undefined, maxLength = 100): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength)
    throw new InvalidArgumentError(argument, `a non-blank name of at most ${maxLength} characters`, value.slice(0, maxLength + 1));
  return trimmed;
}

/**
 * Normalises a country argument to the code countries are stored under: an ISO 3166-1 alpha-2
 * or alpha-3 code becomes upper-case alpha-2. A code with a digit is taken as the graph's own
 * (not ISO: generated test data, user-assigned codes) and matched as given, upper-cased.
 * Anything else is refused, suggesting the code when the value names a country ("Uganda": UG).
 */
export function countryArgument(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const upper = value.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && isoCountries.isValid(upper)) return upper;
  const alpha2 = /^[A-Z]{3}$/.test(upper) ? isoCountries.alpha3ToAlpha2(upper) : undefined;
  if (alpha2) return alpha2;
  if (/^[A-Z0-9]{2,12}$/.test(upper) && /\d/.test(upper)) return upper;
  const named = value.length <= 100 ? isoCountries.getAlpha2Code(value.trim(), 'en') : undefined;
  throw new InvalidArgumentError(
    argument,
    `an ISO 3166-1 alpha-2 or alpha-3 country code${named ? `; did you mean ${named}?` : ''}`,
    value,
  );
}

/** Every kind any entity type has (a nested filter may reach any type). */
const knownKinds = new Set(entityTypeNames.flatMap((type) => entitySpec(type).kinds ?? []));

/**
 * Checks kind values against `kinds` (a list's own type's, or every type's); suggests the kind a
 * value spells loosely ("government agency": GOVERNMENT_AGENCY).
 */
function kindArgument(argument: string, values: readonly string[] | null | undefined, kinds: ReadonlySet<string>): string[] | null {
  if (!values || values.length === 0) return null;
  values.forEach((value, i) => {
    if (kinds.has(value)) return;
    const loose = value
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_');
    const expected =
      kinds.size === 0
        ? 'no kind: this type has none'
        : `one of ${[...kinds].join(', ')}${kinds.has(loose) ? `; did you mean ${loose}?` : ''}`;
    throw new InvalidArgumentError(`${argument}[${i}]`, expected, value);
  });
  return [...values];
}

export function wholeNumber(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InvalidArgumentError(argument, `a whole number from ${min} to ${max}`, value);
  return value;
}

/** EntityFilter and RelationFilter as GraphQL hands them over. */
export interface EntityFilterArgument {
  country?: string | null;
  kind?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
  text?: string | null;
  related?: readonly { types: readonly string[]; direction?: 'OUT' | 'IN' | 'BOTH' | null; where?: EntityFilterArgument | null }[] | null;
  idPrefix?: string | null;
}

/**
 * Checks a filter argument at `path` (dates, country codes, kinds, nesting depth, relation types)
 * and normalises it. `kinds`: what its own `kind` may be (a list's type's kinds); nested filters
 * may reach any type, so theirs may be any type's.
 */
export function entityFilterArgument(
  filter: EntityFilterArgument | null | undefined,
  path = 'filter',
  depth = 0,
  kinds: ReadonlySet<string> = knownKinds,
): EntityFilter {
  if (!filter) return {};
  if (depth === 0) {
    // Width times depth is what Neo4j pays: 5 x 5 x 5 relation filters are 155 subqueries per candidate.
    const count = relationFilterCount(filter);
    if (count > maxRelationFilters)
      throw new InvalidArgumentError(
        `${path}.related`,
        `at most ${maxRelationFilters} relation filters in one filter, all levels together`,
        count,
      );
  }
  return {
    idPrefix: filter.idPrefix ?? null,
    country: countryArgument(`${path}.country`, filter.country),
    kind: kindArgument(`${path}.kind`, filter.kind, kinds),
    from: dateArgument(`${path}.from`, filter.from),
    to: dateArgument(`${path}.to`, filter.to),
    text: filter.text ?? null,
    related: (filter.related ?? []).map((related, i) => {
      const here = `${path}.related[${i}]`;
      if (depth + 1 > maxFilterDepth) throw new InvalidArgumentError(here, `filters nested at most ${maxFilterDepth} levels deep`);
      if (related.types.length === 0) throw new InvalidArgumentError(`${here}.types`, 'at least one relation type');
      return {
        types: [...related.types],
        direction: related.direction ?? 'BOTH',
        where: entityFilterArgument(related.where, `${here}.where`, depth + 1),
      };
    }),
  };
}

/** How many relation filters a filter holds, nested ones included (a cycle cannot occur: input values are trees). */
function relationFilterCount(filter: EntityFilterArgument | null | undefined): number {
  return (filter?.related ?? []).reduce((sum, related) => sum + 1 + relationFilterCount(related.where), 0);
}
