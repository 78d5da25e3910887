/**
 * graph.jsonld: the graph as linked data. Terms are schema.org's where schema.org has one (its
 * `@vocab`: name, alternateName, description, startDate, location, memberOf...), our own under
 * `cg:` (urn:coopgraph:vocab:) otherwise, and every relation type names the Wikidata property it
 * corresponds to where there is one (wdt:P17 country, wdt:P463 member of, ...). Ids keep their
 * readable form: `agency:asan-xidmet` is a compact IRI (urn:coopgraph:agency:asan-xidmet).
 *
 * Each relation is two items: the plain triple on its from-end ({"@id": from, "memberOf": to})
 * and its statement (rdf:Statement, id = Relation.id) carrying what the triple cannot: dates at
 * their precision (xsd:gYear, xsd:gYearMonth or xsd:date: a year stays a year), role, disputed
 * flag and citations (source, quote, quote translation). The document is the dataset: its
 * version, hash and last change are its own properties.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import { entitySpec, entityTypeNames, type EntityTypeName, type RelationTypeName } from '../../../core/model/registry';
import type { CitationRecord, EntityRecord, RelationRecord, SourceRecord } from '../../../core/model/records';
import { relationIdOf } from '../../../core/model/relation-ids';
import { parsePartialDate, type QuantityValue } from '../../../core/model/values';
import type { ExportFormat } from './format';

const idPrefixes = Object.fromEntries(
  [...entityTypeNames.map((type) => entitySpec(type).idPrefix), 'source', 'relation'].map((prefix) => [prefix, `urn:coopgraph:${prefix}:`]),
);

export const jsonLdContext = {
  '@vocab': 'https://schema.org/',
  cg: 'urn:coopgraph:vocab:',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  wdt: 'http://www.wikidata.org/prop/direct/',
  ...idPrefixes,
  subject: { '@id': 'rdf:subject', '@type': '@id' },
  predicate: { '@id': 'rdf:predicate', '@type': '@id' },
  object: { '@id': 'rdf:object', '@type': '@id' },
  relationType: 'cg:relationType',
  wikidataProperty: { '@id': 'cg:wikidataProperty', '@type': '@id' },
  role: 'cg:role',
  disputed: { '@id': 'cg:disputed', '@type': 'xsd:boolean' },
  cites: { '@id': 'cg:citation' },
  citedSource: { '@id': 'cg:source', '@type': '@id' },
  quote: 'cg:quote',
  quoteTranslation: 'cg:quoteTranslation',
  note: 'cg:note',
  kind: 'cg:kind',
  qualifier: 'cg:qualifier',
  datasetHash: 'cg:datasetHash',
};

/**
 * The schema.org type of each registry entity type (null: none fits); every item also has its cg:
 * type. Typed by the registry, so a new entity type does not compile until it has its entry here.
 */
export const jsonLdTypes: Record<EntityTypeName, string | null> = {
  Country: 'Country',
  Agency: 'GovernmentOrganization',
  Person: 'Person',
  Memorandum: 'CreativeWork',
  ServiceCenter: 'GovernmentOffice',
  Training: 'EducationEvent',
  Award: null,
  Event: 'Event',
  Statistic: 'Observation',
};

/** The schema.org type of an entity: its type's, or an agency's by its kind. */
function schemaType(entity: EntityRecord): string | null {
  if (entity.type === 'Agency') {
    const kind = entity.attributes.kind;
    if (kind === 'COMPANY') return 'Corporation';
    if (kind === 'ASSOCIATION' || kind === 'INTERNATIONAL_ORGANIZATION' || kind === 'OTHER') return 'Organization';
  }
  return jsonLdTypes[entity.type];
}

/** The property each registry relation type is on its from-end: schema.org's where it has one, else ours; and Wikidata's where it has one. */
export const jsonLdPredicates: Record<RelationTypeName, { property: string; wikidata: string | null }> = {
  BASED_IN: { property: 'location', wikidata: 'wdt:P17' },
  ACCREDITED_TO: { property: 'cg:ACCREDITED_TO', wikidata: null },
  PART_OF: { property: 'parentOrganization', wikidata: 'wdt:P749' },
  MEMBER_OF: { property: 'memberOf', wikidata: 'wdt:P463' },
  HOLDS_POSITION: { property: 'worksFor', wikidata: 'wdt:P108' },
  PARTY_TO: { property: 'cg:PARTY_TO', wikidata: null },
  SIGNED: { property: 'cg:SIGNED', wikidata: null },
  MODELLED_ON: { property: 'isBasedOn', wikidata: 'wdt:P144' },
  OPERATED_BY: { property: 'cg:OPERATED_BY', wikidata: 'wdt:P137' },
  ESTABLISHED_UNDER: { property: 'cg:ESTABLISHED_UNDER', wikidata: null },
  LOCATED_IN: { property: 'location', wikidata: 'wdt:P17' },
  PROVIDED_BY: { property: 'organizer', wikidata: 'wdt:P664' },
  TRAINED: { property: 'cg:TRAINED', wikidata: null },
  UNDER: { property: 'cg:UNDER', wikidata: null },
  CONFERRED_BY: { property: 'cg:CONFERRED_BY', wikidata: 'wdt:P1027' },
  RECEIVED: { property: 'cg:RECEIVED', wikidata: 'wdt:P166' },
  PARTICIPATED_IN: { property: 'cg:PARTICIPATED_IN', wikidata: 'wdt:P1344' },
  HELD_AT: { property: 'location', wikidata: 'wdt:P276' },
  MEASURES: { property: 'observationAbout', wikidata: null },
  DISCUSSED: { property: 'about', wikidata: 'wdt:P921' },
};

/** The schema.org property of a type's date where one fits, else cg:<attribute>. */
const dateProperties: Record<string, string> = { signed: 'dateCreated', opened: 'foundingDate', asOf: 'observationDate' };

/** A partial date as a typed literal of its precision. */
export function dateLiteral(iso: string | null | undefined): { '@value': string; '@type': string } | undefined {
  const date = iso ? parsePartialDate(iso) : null;
  if (!date) return undefined;
  return { '@value': iso!, '@type': date.precision === 'YEAR' ? 'xsd:gYear' : date.precision === 'MONTH' ? 'xsd:gYearMonth' : 'xsd:date' };
}

function citations(list: readonly CitationRecord[], language: string): unknown[] {
  return list.map((c) => ({
    citedSource: c.sourceId,
    quote: c.quote ?? undefined,
    quoteTranslation: c.quoteTranslations?.[language] ? { '@value': c.quoteTranslations[language], '@language': language } : undefined,
    note: c.note ?? undefined,
  }));
}

function attributeValues(entity: EntityRecord): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const dated = entitySpec(entity.type).dated?.attribute;
  for (const [name, spec] of Object.entries(entitySpec(entity.type).attributes)) {
    const value = (entity.attributes as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (spec.kind === 'partialDate')
      values[
        name === dated
          ? (dateProperties[name] ?? (entity.type === 'Event' || entity.type === 'Training' ? 'startDate' : `cg:${name}`))
          : `cg:${name}`
      ] = dateLiteral(value as string);
    else if (spec.kind === 'quantity') {
      const quantity = value as QuantityValue;
      values[`cg:${name}`] = {
        '@type': 'QuantitativeValue',
        value: quantity.value,
        unitText: quantity.unit ?? undefined,
        qualifier: quantity.qualifier,
        description: quantity.text,
      };
    } else if (name === 'topics') values.keywords = value;
    else if (name === 'kind') values.kind = value;
    else if (name === 'metric') values.variableMeasured = value;
    else values[`cg:${name}`] = spec.kind === 'officialNames' ? JSON.stringify(value) : value;
  }
  return values;
}

function entityItem(entity: EntityRecord, language: string): unknown {
  const type = schemaType(entity);
  return {
    '@id': entity.id,
    '@type': type ? [type, `cg:${entity.type}`] : [`cg:${entity.type}`],
    identifier: entity.id,
    name: [entity.name, ...entity.names.map((n) => ({ '@value': n.name, '@language': n.language }))],
    alternateName: entity.aliases.length > 0 ? entity.aliases : undefined,
    description: entity.description ?? undefined,
    ...attributeValues(entity),
    cites: citations(entity.citations, language),
  };
}

function relationItems(relation: RelationRecord, language: string): unknown[] {
  const { property, wikidata } = jsonLdPredicates[relation.type];
  const predicateIri = property.includes(':') ? property : `https://schema.org/${property}`;
  return [
    { '@id': relation.fromId, [property]: { '@id': relation.toId } },
    {
      '@id': relationIdOf(relation),
      '@type': 'rdf:Statement',
      subject: relation.fromId,
      predicate: predicateIri,
      object: relation.toId,
      relationType: relation.type,
      wikidataProperty: wikidata ?? undefined,
      role: relation.role ?? undefined,
      startDate: dateLiteral(relation.start),
      endDate: dateLiteral(relation.end),
      disputed: relation.disputed,
      cites: citations(relation.citations, language),
    },
  ];
}

function sourceItem(source: SourceRecord): unknown {
  const published = source.published
    ? (dateLiteral(source.published) ?? { '@value': source.published, '@type': 'xsd:dateTime' })
    : undefined;
  return {
    '@id': source.id,
    '@type': 'CreativeWork',
    name: source.title,
    // A title built from the publisher and date ("[AzerNews, 19 April 2024]"), not the source's own.
    'cg:titleSupplied': source.titleSupplied || undefined,
    publisher: { '@type': 'Organization', name: source.publisher },
    datePublished: published,
    inLanguage: source.language,
    url: source.url ? { '@id': source.url } : undefined,
    'cg:retrieved': source.retrieved ?? undefined,
  };
}

export const jsonLd: ExportFormat<ExportSelection> = {
  file: 'graph.jsonld',
  contentType: 'application/ld+json; charset=utf-8',
  async write(out, read, selection, version) {
    const head = {
      '@context': jsonLdContext,
      '@id': `urn:coopgraph:dataset:${version.hash}`,
      '@type': 'Dataset',
      name: 'coopgraph export',
      version: versionLabel(version),
      datasetHash: version.hash,
      dateModified: version.lastChange ? { '@value': version.lastChange, '@type': 'xsd:dateTime' } : undefined,
    };
    const opening = JSON.stringify(head);
    await out.write(`${opening.slice(0, -1)},"@graph":[\n`);
    let first = true;
    const item = async (value: unknown) => {
      await out.write(`${first ? '' : ',\n'}${JSON.stringify(value)}`);
      first = false;
    };
    for await (const entity of read.entities(selection)) await item(entityItem(entity, selection.language));
    for await (const relation of read.relations(selection))
      for (const value of relationItems(relation, selection.language)) await item(value);
    for await (const source of read.sources(selection)) await item(sourceItem(source));
    await out.write('\n]}\n');
  },
};
