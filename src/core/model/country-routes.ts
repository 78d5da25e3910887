/**
 * How an entity stands in a country, derived from the registry's relation types: which relations
 * carry a country and how, and the routes from each entity type to a country, which is what
 * EntityFilter.country, the timeline, stats, facets and the table import mean by "of a country".
 * core/cypher/fragments.ts writes these routes into Cypher; docs/explanation/country-routes.md
 * explains them.
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
 * Representation: an official posted at a mission abroad acts for the country that sent them, so
 * the facts they take part in belong to that country too, reached through the post. The post is
 * `post` (person -> agency); the agency is a mission when it is `accreditation`'s from-end (an
 * embassy accredited to the host country) or of kind `missionKind`; the sending country is the
 * one the mission is `sending` (based) in. Afghanistan's ambassador to Azerbaijan holds his post
 * at Afghanistan's embassy in Baku, so his meeting at the State Agency is an Afghan fact as
 * well as an Azerbaijani one.
 */
export const representation = {
  post: 'HOLDS_POSITION',
  accreditation: 'ACCREDITED_TO',
  missionKind: 'EMBASSY',
  sending: 'BASED_IN',
} as const satisfies { post: RelationTypeName; accreditation: RelationTypeName; missionKind: string; sending: RelationTypeName };

/**
 * The relations by which a person takes part in a fact and so brings the country they represent
 * to it: those that carry a country between a fact and a person and link partners. `out`: the
 * fact is the from-end (a training PROVIDED_BY or that TRAINED the official); `in`: the person is
 * (an official who PARTICIPATED_IN a meeting or RECEIVED an award). A statistic that MEASURES a
 * person links no partners, so it stays the person's own.
 */
export const representedRelations: { out: RelationTypeName[]; in: RelationTypeName[] } = {
  out: relationTypeNames.filter((name) => {
    const spec = relationSpec(name);
    return spec.country === 'outward' && spec.linksPartners && spec.to.includes('Person');
  }),
  in: relationTypeNames.filter((name) => {
    const spec = relationSpec(name);
    return spec.country === 'inward' && spec.linksPartners && spec.from.includes('Person');
  }),
};

/**
 * The person, post, mission and sending country of a representation route, from the person on,
 * as Cypher pattern text: variables named `person`, `post`, `mission` and `sent` after `prefix`
 * (so several routes of one statement keep theirs apart), the mission test written into the
 * mission's node pattern, the sending country's node `country` (a node pattern, e.g.
 * `(:Country)` or `(c)` for a bound one).
 */
export function representedBy(prefix: string, country: string): string {
  const { post, accreditation, missionKind, sending } = representation;
  const mission = `${prefix}mission`;
  const isMission = `${mission}.kind = '${missionKind}' OR EXISTS { (${mission})-[:${accreditation}]->(:Country) }`;
  return `(:Person)-[${prefix}post:${post}]->(${mission}:Agency WHERE ${isMission})-[${prefix}sent:${sending}]->${country}`;
}

/**
 * The ways an entity of `type` reaches a country, one relation or two (the second a location),
 * or one relation to an official and their post at a mission abroad (representation): what
 * EntityFilter.country, the timeline and stats mean by "of a country".
 */
export function countryRoutes(type: EntityTypeName): string[] {
  const located = `-[:${locationRelations.join('|')}]->(:Country)`;
  const from = (names: RelationTypeName[]) => names.filter((name) => relationSpec(name).from.includes(type));
  const to = (names: RelationTypeName[]) => names.filter((name) => relationSpec(name).to.includes(type));
  const represented = representedBy('', '(:Country)');
  return [
    ...from(relationsReaching(['location', 'outward'], 'to', ['Country'])).map((name) => `-[:${name}]->(:Country)`),
    ...from(relationsReaching(['outward'], 'to', locatedTypes)).map((name) => `-[:${name}]->()${located}`),
    ...to(relationsReaching(['inward'], 'from', ['Country'])).map((name) => `<-[:${name}]-(:Country)`),
    ...to(relationsReaching(['inward'], 'from', locatedTypes)).map((name) => `<-[:${name}]-()${located}`),
    ...from(representedRelations.out).map((name) => `-[:${name}]->${represented}`),
    ...to(representedRelations.in).map((name) => `<-[:${name}]-${represented}`),
  ];
}
