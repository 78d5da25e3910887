/**
 * One definition of a partnership, shared by the partner ranks written at import
 * (ingest/partner-ranks.ts) and the partners read with `asOf` and the links shown per partner
 * (features/partners/partners.repository.ts).
 *
 * A country acts with the agencies based in it, an agency with itself, and both with their
 * staff: the actors. A fact (a dated entity, or an association that is not an actor) linked to
 * an actor links it to the fact's other ends; an end that is a person counts for each agency
 * they hold a position at, a centre for its operator. Memberships and accreditations link
 * directly. Partners are countries and agencies other than the entity, those based in it, and
 * its own country. Statements using these fragments pass `$factTypes` (registry datedTypes).
 */
import { relationshipTypes, validOn } from './fragments';
import { partnerLinkTypes } from '../model/registry';

/** The relationship types through a fact, as a pattern's type list (`:PARTY_TO|TRAINED|...`). */
export const partnerLinks = relationshipTypes(partnerLinkTypes);
/** The relationship types that link two partners directly. */
export const directPartnerLinks = ':MEMBER_OF|ACCREDITED_TO';

/** `p` is a person holding a position at `self` or at an agency based in it. */
export const isStaff = (p: string, self: string): string =>
  `(${p}:Person AND EXISTS { (${p})-[:HOLDS_POSITION]->(org) WHERE org = ${self} OR EXISTS { (org)-[:BASED_IN]->(${self}) } })`;

/** `a` is one of `self`'s actors: itself, an agency based in it, or staff of either. */
export const isActor = (a: string, self: string): string =>
  `(${a} = ${self} OR (${a}:Agency AND EXISTS { (${a})-[:BASED_IN]->(${self}) }) OR ${isStaff(a, self)})`;

/** `f` can link an actor of `self` to a partner: a dated fact, or an association that is not one of the actors. */
export const isFact = (f: string, self: string): string =>
  `((${f}.type IN $factTypes OR ${f}.kind = 'ASSOCIATION') AND NOT (${f}:Agency AND (${f} = ${self} OR EXISTS { (${f})-[:BASED_IN]->(${self}) })))`;

/** `partner` may be listed among `self`'s partners. */
export const isPartner = (partner: string, self: string): string =>
  `(${partner} <> ${self} AND NOT EXISTS { (${partner})-[:BASED_IN]->(${self}) } AND NOT EXISTS { (${self})-[:BASED_IN]->(${partner}) })`;

/**
 * A subquery giving the partner an end `o` of a fact counts for, as `partner`, and the
 * relationship that maps it as `via` (null for the end itself): a country or agency is its own
 * partner, a person each agency they hold a position at, a centre its operator. With `asOf` (the
 * variable holding the date), only positions and operators valid then.
 */
export const partnerOf = (o: string, asOf: string | null = null): string => {
  const valid = asOf === null ? '' : ` WHERE ${validOn('via', asOf)}`;
  return `CALL (${asOf === null ? o : `${o}, ${asOf}`}) {
        WITH ${o} WHERE ${o}:Agency OR ${o}:Country RETURN ${o} AS partner, null AS via
        UNION ALL
        MATCH (${o}:Person)-[via:HOLDS_POSITION]->(partner:Agency)${valid} RETURN partner, via
        UNION ALL
        MATCH (${o}:ServiceCenter)-[via:OPERATED_BY]->(partner:Agency)${valid} RETURN partner, via
      }`;
};

/**
 * Where a partner stands among an entity's partners: most linking facts first (the count
 * inverted and zero-padded, so text order is count order), then by folded name. With the
 * partner's id it is the keyset position of a stored (:PartnerRank) (keyset.ts storedPosition).
 */
export const partnerRank = (facts: string, sortKey: string): string =>
  `right('0000000000' + toString(1000000000 - ${facts}), 10) + ':' + ${sortKey}`;
