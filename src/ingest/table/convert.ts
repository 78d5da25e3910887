/**
 * Facts table rows -> source bundles, one per cited source URL, so the same validation and
 * writer serve tables and bundles alike. Each row becomes a typed fact entity (fact.ts), is
 * identified with the rows and graph facts about the same real thing (identity.ts), and is
 * linked to the actors, countries and organisations it names (links.ts, by the rules in
 * rules.ts), and to what its free text names (extract.ts, extracted.ts), all cited to its
 * source. Names are resolved against the graph (refs.ts, resolve.ts); what was matched,
 * created, unsure, refused and extracted goes into the report.
 */
import { typeOfId } from '../../core/model/registry';
import type { FactRow } from './parse';
import type { Curation } from './curation';
import type { EntityResolver } from './resolve';
import { addCuratedClaims, addFact, addFactClaims, factTraits } from './fact';
import { linkExtracted } from './extracted';
import { identifyFact } from './identity';
import { actorsOf, addCuratedRelations, linkActors, linkColumns, linkCountries, linkModel, linkOrganisation } from './links';
import { entityTypeOf } from './rules';
import { at, ConversionState, type Conversion, type KnownFact, type KnownPosition, type RowScope } from './state';

export { slug, sourceIdFor, tableSlugOf } from './ids';
export { guessType } from './refs';
export type { Conversion, ExtractedLine, ImportReport, KnownFact, KnownPosition, ReportLine, UnplacedLine } from './state';

/** `positions`: the graph's HOLDS_POSITION edges, so a signatory's agency becomes a party (links.ts signedFor). */
export function tableToBundles(
  rows: FactRow[],
  curation: Curation,
  resolver: EntityResolver,
  knownFacts: KnownFact[],
  tableSlug: string,
  positions: readonly KnownPosition[] = [],
): Conversion {
  const state = new ConversionState(curation, resolver, knownFacts, tableSlug, positions);
  for (const row of rows) convertRow(state, row);
  return state.result();
}

/**
 * One row, in the order its parts reach the bundle (entities and relations keep that order, so
 * a table converts to the same bundles every time).
 */
function convertRow(state: ConversionState, row: FactRow): void {
  const curated = state.curation.rows?.[row.factId] ?? {};
  // A date the curation calls the publication date dates the source, never the fact.
  const source = curated.dateIsPublication && row.date && !row.source.published ? { ...row.source, published: row.date } : row.source;
  const builder = state.builderFor(source).forRow(row.notes ? `${row.factId}: ${row.notes}` : null);
  const scope: RowScope = {
    state,
    row,
    curated,
    builder,
    fact: { id: curated.id ?? '', type: curated.type ?? entityTypeOf(row.factType) },
  };
  const traits = factTraits(scope);
  const identity = identifyFact(scope, traits);
  scope.fact.id = identity.id;
  if (typeOfId(identity.id) !== scope.fact.type) {
    state.problems.push({ path: at(scope, 'fact_id'), message: `curated id '${identity.id}' does not name a ${scope.fact.type}` });
    return;
  }
  addFact(scope, traits, identity.known);
  addFactClaims(scope);
  const actors = actorsOf(scope);
  linkActors(scope, actors);
  linkColumns(scope);
  const providerExtracted = linkExtracted(scope);
  linkCountries(scope, traits.countries, identity.known);
  linkOrganisation(scope, traits.organisation);
  linkModel(scope, actors, providerExtracted);
  addCuratedRelations(scope);
  addCuratedClaims(scope);
}
