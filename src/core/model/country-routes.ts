/**
 * How an entity stands in a country, derived from the registry's relation types: which relations
 * carry a country and how, and the routes from each entity type to a country, which is what
 * EntityFilter.country, the timeline and stats mean by "of a country".
 */
import {
  entityTypeNames,
  relationSpec,
  relationTypeNames,
  type CountryReach,
  type EntityTypeName,
  type RelationTypeName,
} from './registry';

/** The relation types that carry a country one of these ways and may end (`side`) at an entity of one of `types`, in registry order. */
export function relationsReaching(
  reaches: readonly Exclude<CountryReach, null>[],
  side: 'from' | 'to',
  types: readonly EntityTypeName[],
): RelationTypeName[] {
  return relationTypeNames.filter((name) => {
    const spec = relationSpec(name);
    return spec.country !== null && reaches.includes(spec.country) && spec[side].some((type) => types.includes(type));
  });
}

/** Relations that place their from-end in a country (BASED_IN, LOCATED_IN). */
export const locationRelations = relationTypeNames.filter((name) => relationSpec(name).country === 'location');

/** Types that can be placed in a country by a location relation (agencies, centres, events, trainings). */
export const locatedTypes = entityTypeNames.filter((type) =>
  relationTypeNames.some((name) => relationSpec(name).country === 'location' && relationSpec(name).from.includes(type)),
);

/**
 * The ways an entity of `type` reaches a country, one relation or two (the second a location):
 * what EntityFilter.country, the timeline and stats mean by "of a country".
 */
export function countryRoutes(type: EntityTypeName): string[] {
  const located = `-[:${locationRelations.join('|')}]->(:Country)`;
  const from = (names: RelationTypeName[]) => names.filter((name) => relationSpec(name).from.includes(type));
  const to = (names: RelationTypeName[]) => names.filter((name) => relationSpec(name).to.includes(type));
  return [
    ...from(relationsReaching(['location', 'outward'], 'to', ['Country'])).map((name) => `-[:${name}]->(:Country)`),
    ...from(relationsReaching(['outward'], 'to', locatedTypes)).map((name) => `-[:${name}]->()${located}`),
    ...to(relationsReaching(['inward'], 'from', ['Country'])).map((name) => `<-[:${name}]-(:Country)`),
    ...to(relationsReaching(['inward'], 'from', locatedTypes)).map((name) => `<-[:${name}]-()${located}`),
  ];
}
