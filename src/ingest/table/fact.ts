/**
 * A row's fact entity (a MEMORANDUM row's Memorandum with its kind and signing date, a
 * CENTRE_OPENED row's ServiceCenter with its city and opening date...) and the claims the row
 * makes about it: its date and quantities are what one source says, and rows about the same
 * fact may disagree.
 */
import countries from 'i18n-iso-countries';
import { entitySpec, type EntityTypeName } from '../../core/model/registry';
import type { BundleAttributes } from '../bundle';
import type { FactTraits } from './identity';
import type { FactRow } from './parse';
import { metricOf } from './quantities';
import { resolveRef } from './refs';
import { dateAttributeOf, defaultKind, hasKind, labelOf } from './rules';
import { lineFor, type RowScope } from './state';

/** Reads what identifies the row's fact; resolving a UN/INT row's organisation cites it in the bundle. */
export function factTraits(scope: RowScope): FactTraits {
  const { row, curated, state } = scope;
  const organisationRef = ['UN', 'INT'].includes(row.country) ? state.curation.organisations?.[row.country] : undefined;
  const ownCountry = /^[A-Z]{2}$/.test(row.country) && row.country !== 'UN' ? [row.country] : [];
  return {
    kind: curated.kind ?? defaultKind(row.factType, scope.fact.type),
    // The first place is the city; a bracketed remark is not part of its name.
    city:
      row.place
        ?.split(';')[0]!
        .replace(/\s*\([^)]*\)\s*/g, '')
        .trim() || null,
    countries: [...new Set([...ownCountry, ...(curated.countries ?? [])])],
    organisation: organisationRef ? resolveRef(scope, organisationRef, 'country_iso2') : null,
  };
}

/** Adds the fact entity to the row's bundle and reports it as the same fact, or as created. */
export function addFact(scope: RowScope, traits: FactTraits, known: boolean): void {
  const { row, curated, state, fact } = scope;
  const stored = state.resolver.get(fact.id);
  // The graph's name for a fact it holds wins over a generated one; the curation's is used otherwise.
  const name =
    stored && !state.createdIds.has(fact.id) && !state.curatedEntities.has(fact.id)
      ? stored.name
      : (curated.name ?? generatedName(row, fact.type, traits)).slice(0, 200);
  const attributes = factAttributes(scope, traits);
  // The row's notes are a note on its source's statements (BundleBuilder.forRow), not the fact's description.
  const description = row.object;
  scope.builder.entity({
    id: fact.id,
    type: fact.type,
    name,
    aliases: curated.aliases ?? [],
    ...(description ? { description } : {}),
    quotes: [],
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  });
  if (state.createdIds.has(fact.id)) return;
  if (known) {
    state.addToReport('matched', lineFor(scope, { ...fact, name }, 'same fact'));
    return;
  }
  state.createdIds.add(fact.id);
  state.resolver.add({ id: fact.id, type: fact.type, name, aliases: curated.aliases ?? [] });
  // A later row's "under the Feb 2025 MoU" may mean this one (extracted.ts).
  if (fact.type === 'Memorandum') {
    const date = factDate(scope);
    state.madeMemoranda.push({
      ...fact,
      name,
      aliases: [],
      countries: traits.countries,
      date,
      kind: traits.kind ?? null,
      city: null,
      conferrers: [],
    });
  }
  state.addToReport('created', lineFor(scope, { ...fact, name }));
}

/** The row's date when it is the fact's: not when the curation says it is about something else, or the publication's. */
function factDate({ row, curated }: RowScope): string | null {
  return curated.dateIsNotTheFacts || curated.dateIsPublication ? null : row.date;
}

/** A statistic: its value is the row's first quantity, stored; other facts only claim their quantities. */
function isMeasurement(type: EntityTypeName): boolean {
  return 'metric' in entitySpec(type).attributes;
}

function factAttributes(scope: RowScope, traits: FactTraits): BundleAttributes {
  const { row, curated, fact } = scope;
  const attributes: BundleAttributes = {};
  const typeAttributes = entitySpec(fact.type).attributes;
  if (traits.kind && hasKind(fact.type)) attributes.kind = traits.kind;
  const date = factDate(scope);
  if (date) (attributes as Record<string, unknown>)[dateAttributeOf(fact.type)] = date;
  if ('city' in typeAttributes && traits.city) attributes.city = traits.city;
  const first = row.quantities[0];
  if (isMeasurement(fact.type) && first) {
    attributes.metric = first.unit ?? 'count';
    attributes.value = { value: first.value, qualifier: first.qualifier, ...(first.unit ? { unit: first.unit } : {}) };
  }
  return Object.assign(attributes, curated.attributes ?? {});
}

/** Where a row happened, in words, for generated names. */
function whereOf(row: FactRow): string {
  return nonCountryPlaces.get(row.country) ?? countries.getName(row.country, 'en') ?? row.country;
}
const nonCountryPlaces = new Map([
  ['MULTI', 'several countries'],
  ['UN', 'United Nations'],
  ['INT', 'international organisation'],
]);

/** The fact's name when neither the graph nor the curation gives one. */
function generatedName(row: FactRow, type: EntityTypeName, traits: FactTraits): string {
  const label = labelOf(row.factType);
  const where = whereOf(row);
  const date = row.date ? ` (${row.date})` : '';
  switch (type) {
    case 'ServiceCenter':
      return `Public service centre in ${traits.city ?? where}`;
    case 'Memorandum':
      return `${label} — ${where}${date}`;
    case 'Event':
    case 'Training':
      return `${label}: ${row.subject}${row.place ? `, ${row.place}` : ''}${date}`;
    default:
      return row.object || `${label} — ${where}`;
  }
}

/**
 * The row's date as its source's claim about the fact, and every figure of its quantity column
 * as a stated quantity of the fact (a statistic's first figure is its stored value instead).
 * A figure's metric: the quantity_metric column's, else the curation's quantityProperty for the
 * first figure, else what its unit says.
 */
export function addFactClaims(scope: RowScope): void {
  const { row, curated, fact, builder } = scope;
  const date = factDate(scope);
  if (date) builder.claim({ subject: fact.id, property: dateAttributeOf(fact.type), value: date, quotes: [] });
  row.quantities.forEach((quantity, i) => {
    if (i === 0 && isMeasurement(fact.type)) return;
    const metric = quantity.metric ?? (i === 0 ? curated.quantityProperty : undefined) ?? metricOf(quantity.unit);
    builder.quantity({
      subject: fact.id,
      metric,
      value: quantity.value,
      qualifier: quantity.qualifier,
      ...(quantity.unit ? { unit: quantity.unit } : {}),
      quotes: [],
    });
  });
}

/** The claims the curation adds for the row: about the fact unless they name another subject. */
export function addCuratedClaims(scope: RowScope): void {
  for (const claim of scope.curated.claims ?? []) {
    const subject = claim.subject ? resolveRef(scope, claim.subject, 'subject') : scope.fact;
    if (subject) scope.builder.claim({ subject: subject.id, property: claim.property, value: claim.value, quotes: [] });
  }
}
