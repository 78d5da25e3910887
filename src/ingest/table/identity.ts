/**
 * Which rows are the same real thing. A curated `id` (curation.ts) first; else a centre is its
 * country and city, an award its conferrer and year, a memorandum or a day-dated event its
 * country, kind and date (when the graph already holds one, it is that one); anything else is
 * its own fact, with an id made of the table's name and the fact_id.
 */
import { entitySpec } from '../../core/model/registry';
import { slug } from './ids';
import { matchKey } from './resolve';
import type { KnownFact, Resolved, RowScope } from './state';

/** What identifies a row's fact, read from the row before its entity is built. */
export interface FactTraits {
  kind: string | undefined;
  city: string | null;
  /** ISO codes of the countries the row names (its own, and curated ones). */
  countries: string[];
  /** The international organisation of a UN or INT row, resolved. */
  organisation: Resolved | null;
}

export interface FactIdentity {
  id: string;
  /** The graph already holds this fact (it was not made up by this import). */
  known: boolean;
}

export function identifyFact(scope: RowScope, traits: FactTraits): FactIdentity {
  const { state, curated } = scope;
  if (curated.id) return { id: curated.id, known: state.resolver.get(curated.id) !== undefined && !state.curatedEntities.has(curated.id) };
  const { id, candidates } = generatedIdentity(scope, traits);
  // Only an unambiguous match is the same fact; two candidates leave the row its own id.
  return candidates.length === 1 ? { id: candidates[0]!.id, known: true } : { id, known: false };
}

/** The id a row's fact gets from what identifies it, and the graph's facts identified the same way. */
function generatedIdentity(scope: RowScope, traits: FactTraits): { id: string; candidates: KnownFact[] } {
  const { row, fact, state } = scope;
  const prefix = entitySpec(fact.type).idPrefix;
  const country = traits.countries[0];
  const cc = country?.toLowerCase() ?? row.country.toLowerCase();
  const sameFacts = (match: (known: KnownFact) => boolean) => state.knownFacts.filter((known) => known.type === fact.type && match(known));
  const { city, kind } = traits;
  if (fact.type === 'ServiceCenter' && city && country) {
    return {
      id: `${prefix}:${cc}-${slug(city, 40)}`,
      candidates: sameFacts((known) => known.city !== null && matchKey(known.city) === matchKey(city) && known.countries.includes(country)),
    };
  }
  if (fact.type === 'Award' && row.date) {
    const year = row.date.slice(0, 4);
    const conferrer = traits.organisation?.id ?? (country ? `country:${country}` : null);
    return {
      id: `${prefix}:${slug(conferrer ?? cc)}-${year}`,
      candidates: sameFacts((known) => known.date?.slice(0, 4) === year && conferrer !== null && known.conferrers.includes(conferrer)),
    };
  }
  if (fact.type === 'Memorandum' && row.date && country) {
    const date = row.date;
    return {
      id: `${prefix}:${cc}-${slug(kind ?? 'other')}-${date}`,
      candidates: sameFacts((known) => known.date === date && known.kind === kind && known.countries.includes(country)),
    };
  }
  if (fact.type === 'Event' && row.precision === 'DAY' && country) {
    return { id: `${prefix}:${cc}-${slug(kind ?? 'event')}-${row.date}`, candidates: [] };
  }
  return { id: `${prefix}:${slug(state.tableSlug, 40)}-${slug(row.factId)}`, candidates: [] };
}
