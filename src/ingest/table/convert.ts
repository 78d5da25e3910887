/**
 * Facts table rows -> source bundles, one per cited source URL, so the same validation and
 * writer serve tables and bundles alike. Each row becomes a typed fact entity (a MEMORANDUM row
 * a Memorandum with its parties and signing date, a CENTRE_OPENED row a ServiceCenter with its
 * city, country, model and opening date...) linked to its actors and countries and cited to
 * its source. Names are resolved against the graph (see resolve.ts); what was matched, created
 * and unsure goes into the report.
 *
 * Which rows are the same real thing: a curated `id` (curation.ts) first; else a centre is its
 * country and city, an award its conferrer and year, a memorandum or a day-dated event its
 * country, kind and date (when the graph already holds one, it is that one); anything else is
 * its own fact, with an id made of the table's name and the fact_id.
 */
import { createHash } from 'node:crypto';
import countries from 'i18n-iso-countries';
import { fold } from '../../graph/folding';
import type { EntityTypeName } from '../../graph/records';
import { quantityText } from '../../graph/values';
import { idPrefixes, relationEnds, typeOfId, type Bundle, type BundleAttributes, type BundleClaim, type BundleEntity, type BundleProblem, type BundleRelation, type RelationTypeName } from '../bundle';
import type { Curation, CuratedActor, CuratedEntity, CuratedRow, Ref } from './curation';
import type { FactRow, FactType, TableQuantity } from './parse';
import { cleanName, matchKey, type EntityResolver, type KnownEntity } from './resolve';

/** An existing fact entity the graph holds, with what identifies it. */
export interface KnownFact extends KnownEntity {
  countries: string[];
  date: string | null;
  kind: string | null;
  city: string | null;
  conferrers: string[];
}

export interface ReportLine {
  row: number;
  factId: string;
  name: string;
  id: string;
  type: EntityTypeName;
  /** matched: how; unsure: the entities it might have been. */
  note?: string;
}

export interface ImportReport {
  matched: ReportLine[];
  created: ReportLine[];
  unsure: ReportLine[];
}

export interface Conversion {
  bundles: Bundle[];
  report: ImportReport;
  problems: BundleProblem[];
}

const defaultTypes: Record<FactType, EntityTypeName> = {
  MEMORANDUM: 'Memorandum',
  AGREEMENT: 'Memorandum',
  CENTRE_OPENED: 'ServiceCenter',
  TRAINING: 'Training',
  MEMBERSHIP: 'Event',
  AWARD: 'Award',
  MEETING: 'Event',
  CREDENTIALS: 'Event',
  STATISTIC: 'Statistic',
};
const defaultKinds: Partial<Record<FactType, string>> = { MEMORANDUM: 'MOU', AGREEMENT: 'AGREEMENT', MEETING: 'MEETING', CREDENTIALS: 'CREDENTIALS', MEMBERSHIP: 'SIGNING' };
const labels: Record<FactType, string> = {
  MEMORANDUM: 'Memorandum of understanding',
  AGREEMENT: 'Agreement',
  CENTRE_OPENED: 'Public service centre',
  TRAINING: 'Training',
  MEMBERSHIP: 'Membership',
  AWARD: 'Award',
  MEETING: 'Meeting',
  CREDENTIALS: 'Presentation of credentials',
  STATISTIC: 'Statistic',
};
const organisationWords = /\b(ministry|ministries|agency|agencies|government|service|services|association|council|department|office|commission|centre|center|authority|delegation|experts|team|participants|institution|institutions|embassy|union|organi[sz]ation|nations|countries|states|bank|secretariat|group|heads|specialists|forum)\b/i;

export function slug(text: string, max = 60): string {
  return matchKey(text).replace(/ /g, '-').slice(0, max).replace(/-+$/, '') || 'x';
}

/** A person or an organisation? Organisation words, long names or lower-case words say organisation. */
export function guessType(name: string): 'Person' | 'Agency' {
  const tokens = name.trim().split(/\s+/);
  if (organisationWords.test(name) || tokens.length > 4 || tokens.length < 2) return 'Agency';
  return tokens.every((token) => /^\p{Lu}/u.test(token)) ? 'Person' : 'Agency';
}

export function sourceIdFor(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  return `source:${slug(host, 40)}-${createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
}

function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}

function dateProperty(type: EntityTypeName): keyof BundleAttributes | 'date' {
  return type === 'Memorandum' ? 'signed' : type === 'ServiceCenter' ? 'opened' : type === 'Statistic' ? 'asOf' : 'date';
}

function renderQuantity(quantity: TableQuantity): string {
  return quantityText(quantity.value, quantity.qualifier, quantity.unit);
}

class BundleBuilder {
  readonly entities = new Map<string, BundleEntity>();
  readonly relations = new Map<string, BundleRelation>();
  readonly claims = new Map<string, BundleClaim>();
  constructor(readonly source: Bundle['source']) {}

  entity(entity: BundleEntity): void {
    const existing = this.entities.get(entity.id);
    if (!existing) {
      this.entities.set(entity.id, { ...entity, aliases: [...new Set(entity.aliases ?? [])] });
      return;
    }
    existing.aliases = [...new Set([...(existing.aliases ?? []), ...(entity.aliases ?? [])])].filter((alias) => alias !== existing.name);
    existing.attributes = { ...(entity.attributes ?? {}), ...(existing.attributes ?? {}) };
    if (Object.keys(existing.attributes).length === 0) delete existing.attributes;
    existing.description ??= entity.description;
  }

  relation(relation: BundleRelation): void {
    const key = `${relation.from}|${relation.type}|${relation.to}|${relation.role ?? ''}`;
    if (!this.relations.has(key)) this.relations.set(key, relation);
  }

  claim(claim: BundleClaim): void {
    this.claims.set(`${claim.subject}|${claim.property}|${claim.value}`, claim);
  }

  build(): Bundle {
    const bundle: Bundle = { format: 'coopgraph-bundle/1', source: this.source, entities: [...this.entities.values()], relations: [...this.relations.values()] };
    if (this.claims.size > 0) bundle.claims = [...this.claims.values()];
    return bundle;
  }
}

export function tableToBundles(rows: FactRow[], curation: Curation, resolver: EntityResolver, knownFacts: KnownFact[], tableSlug: string): Conversion {
  const report: ImportReport = { matched: [], created: [], unsure: [] };
  const problems: BundleProblem[] = [];
  const builders = new Map<string, BundleBuilder>();
  const curated = new Map<string, CuratedEntity>((curation.entities ?? []).map((entity) => [entity.id, entity]));
  for (const entity of curated.values()) {
    if (!resolver.get(entity.id)) resolver.add({ id: entity.id, type: entity.type, name: entity.name, aliases: entity.aliases ?? [] });
  }
  const createdIds = new Set<string>();
  const reported = new Set<string>();
  const report1 = (list: ReportLine[], line: ReportLine) => {
    const key = `${list === report.matched ? 'm' : list === report.created ? 'c' : 'u'}|${line.id}|${matchKey(line.name)}`;
    if (reported.has(key)) return;
    reported.add(key);
    list.push(line);
  };

  for (const row of rows) {
    const rowCuration: CuratedRow = curation.rows?.[row.factId] ?? {};
    const factType: EntityTypeName = rowCuration.type ?? defaultTypes[row.factType];
    let factId = rowCuration.id ?? '';
    const at = (column: string) => `row ${row.row} (${row.factId}), column ${column}`;
    const sourceId = sourceIdFor(row.source.url);
    let builder = builders.get(sourceId);
    if (!builder) {
      builder = new BundleBuilder({
        id: sourceId,
        title: row.source.title,
        publisher: row.source.publisher,
        ...(row.source.published ? { published: row.source.published } : {}),
        language: 'und',
        // IRIs (Arabic, Urdu paths) are stored percent-encoded, as a browser sends them.
        url: new URL(row.source.url).href,
        text: null,
      });
      builders.set(sourceId, builder);
    }
    const b = builder;

    /** Puts an entity the row refers to into the source's bundle, so the source cites it. */
    const mention = (id: string, surface?: string) => {
      const definition = curated.get(id);
      if (definition) {
        b.entity({
          id,
          type: definition.type,
          name: definition.name,
          aliases: definition.aliases ?? [],
          ...(definition.description ? { description: definition.description } : {}),
          quotes: [],
          ...(definition.kind ? { attributes: { kind: definition.kind } } : {}),
        });
        if (definition.country) b.relation({ type: 'BASED_IN', from: id, to: `country:${definition.country}`, quotes: [] });
        if (definition.position) {
          const organisation = resolveRef(definition.position[1], 'subject');
          if (organisation) b.relation({ type: 'HOLDS_POSITION', from: id, to: organisation.id, role: definition.position[0], quotes: [] });
        }
        return;
      }
      const known = resolver.get(id);
      if (!known || id.startsWith('country:')) return;
      const aliases = surface && !createdIds.has(id) && ![known.name, ...known.aliases].some((name) => matchKey(name) === matchKey(surface)) ? [surface] : [];
      if (!b.entities.has(id) || aliases.length > 0) b.entity({ id, type: known.type, name: known.name, aliases, quotes: [] });
    };

    /** An id, '$fact', 'country:XX' or a name; names are resolved, or created and reported. */
    function resolveRef(ref: Ref, column: string): { id: string; type: EntityTypeName } | null {
      if (ref === '$fact') return { id: factId, type: factType };
      const refType = /^[a-z]+:\S+$/.test(ref) ? typeOfId(ref) : null;
      if (refType) {
        if (refType === 'Country') {
          const code = ref.slice('country:'.length);
          if (!countries.isValid(code)) {
            problems.push({ path: at(column), message: `unknown country '${ref}'` });
            return null;
          }
          return { id: ref, type: 'Country' };
        }
        if (!resolver.get(ref) && ref !== factId) {
          problems.push({ path: at(column), message: `unknown entity reference '${ref}': not in the graph nor in the curation file` });
          return null;
        }
        mention(ref);
        return { id: ref, type: refType };
      }
      const name = ref.trim();
      const resolution = resolver.resolve(name, ['Person', 'Agency', 'Country']);
      if (resolution.status === 'matched') {
        const { entity } = resolution;
        if (!createdIds.has(entity.id)) report1(report.matched, { row: row.row, factId: row.factId, name, id: entity.id, type: entity.type, note: resolution.via });
        mention(entity.id, name);
        return { id: entity.id, type: entity.type };
      }
      const newName = cleanName(name);
      const type = guessType(newName);
      const base = `${idPrefixes[type]}:${slug(newName)}`;
      let id = base;
      for (let n = 2; resolver.get(id); n++) id = `${base}-${n}`;
      createdIds.add(id);
      resolver.add({ id, type, name: newName, aliases: newName === name ? [] : [name] });
      if (resolution.status === 'unsure') {
        report1(report.unsure, { row: row.row, factId: row.factId, name: newName, id, type, note: `kept apart from ${resolution.candidates.map((c) => `${c.id} (${c.name})`).join(', ')}` });
      } else {
        report1(report.created, { row: row.row, factId: row.factId, name: newName, id, type });
      }
      b.entity({ id, type, name: newName, quotes: [], ...(type === 'Agency' ? { attributes: { kind: 'OTHER' } } : {}) });
      return { id, type };
    }

    // The fact entity.
    const organisation = ['UN', 'INT'].includes(row.country) ? (curation.organisations?.[row.country] ?? null) : null;
    const isoCountries = [...new Set([...(/^[A-Z]{2}$/.test(row.country) && !['UN'].includes(row.country) ? [row.country] : []), ...(rowCuration.countries ?? [])])];
    const kind = rowCuration.kind ?? (factType === 'Memorandum' || factType === 'Event' ? (defaultKinds[row.factType] ?? (factType === 'Memorandum' ? 'OTHER' : 'OTHER')) : undefined);
    const city = row.place?.split(';')[0]!.replace(/\s*\([^)]*\)\s*/g, '').trim() || null;
    const where = row.country === 'MULTI' ? 'several countries' : row.country === 'UN' ? 'United Nations' : row.country === 'INT' ? 'international organisation' : countryName(row.country);
    const orgId = organisation ? (resolveRef(organisation, 'country_iso2')?.id ?? null) : null;

    let factIsKnown = false;
    if (!factId) {
      const prefix = idPrefixes[factType];
      const cc = isoCountries[0]?.toLowerCase() ?? row.country.toLowerCase();
      const sameFacts = (match: (fact: KnownFact) => boolean) => knownFacts.filter((fact) => fact.type === factType && match(fact));
      let candidates: KnownFact[] = [];
      if (factType === 'ServiceCenter' && city && isoCountries[0]) {
        candidates = sameFacts((fact) => fact.city !== null && matchKey(fact.city) === matchKey(city) && fact.countries.includes(isoCountries[0]!));
        factId = `${prefix}:${cc}-${slug(city, 40)}`;
      } else if (factType === 'Award' && row.date) {
        const conferrer = orgId ?? (isoCountries[0] ? `country:${isoCountries[0]}` : null);
        candidates = sameFacts((fact) => fact.date?.slice(0, 4) === row.date!.slice(0, 4) && conferrer !== null && fact.conferrers.includes(conferrer));
        factId = `${prefix}:${slug(conferrer ?? cc)}-${row.date.slice(0, 4)}`;
      } else if (factType === 'Memorandum' && row.date && isoCountries[0]) {
        candidates = sameFacts((fact) => fact.date === row.date && fact.kind === kind && fact.countries.includes(isoCountries[0]!));
        factId = `${prefix}:${cc}-${slug(kind ?? 'other')}-${row.date}`;
      } else if (factType === 'Event' && row.precision === 'DAY' && isoCountries[0]) {
        factId = `${prefix}:${cc}-${slug(kind ?? 'event')}-${row.date}`;
      } else {
        factId = `${prefix}:${slug(tableSlug, 40)}-${slug(row.factId)}`;
      }
      if (candidates.length === 1) {
        factId = candidates[0]!.id;
        factIsKnown = true;
      }
    } else if (resolver.get(factId) && !curated.has(factId)) factIsKnown = true;
    if (typeOfId(factId) !== factType) {
      problems.push({ path: at('fact_id'), message: `curated id '${factId}' does not name a ${factType}` });
      continue;
    }
    const known = resolver.get(factId);
    const generatedName =
      factType === 'ServiceCenter'
        ? `Public service centre in ${city ?? where}`
        : factType === 'Memorandum'
          ? `${labels[row.factType]} — ${where}${row.date ? ` (${row.date})` : ''}`
          : factType === 'Event' || factType === 'Training'
            ? `${labels[row.factType]}: ${row.subject}${row.place ? `, ${row.place}` : ''}${row.date ? ` (${row.date})` : ''}`
            : row.object || `${labels[row.factType]} — ${where}`;
    const name = known && !createdIds.has(factId) && !curated.has(factId) ? known.name : (rowCuration.name ?? generatedName).slice(0, 200);
    const attributes: BundleAttributes = {};
    if (kind && (factType === 'Memorandum' || factType === 'Event')) attributes.kind = kind;
    if (row.date && !rowCuration.dateIsNotTheFacts) {
      if (factType === 'Award') attributes.year = Number(row.date.slice(0, 4));
      else (attributes as Record<string, unknown>)[dateProperty(factType)] = row.date;
    }
    if (factType === 'ServiceCenter' && city) attributes.city = city;
    const first = row.quantities[0];
    if (factType === 'Statistic' && first) {
      attributes.metric = first.unit ?? 'count';
      attributes.value = { value: first.value, qualifier: first.qualifier, ...(first.unit ? { unit: first.unit } : {}) };
    }
    Object.assign(attributes, rowCuration.attributes ?? {});
    const description = [row.object, row.notes ? `Note (${row.factId}): ${row.notes}` : null].filter(Boolean).join(' ');
    b.entity({
      id: factId,
      type: factType,
      name,
      aliases: rowCuration.aliases ?? [],
      ...(description ? { description } : {}),
      quotes: [],
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    });
    if (!createdIds.has(factId)) {
      if (factIsKnown) report1(report.matched, { row: row.row, factId: row.factId, name, id: factId, type: factType, note: 'same fact' });
      else {
        createdIds.add(factId);
        resolver.add({ id: factId, type: factType, name, aliases: rowCuration.aliases ?? [] });
        report1(report.created, { row: row.row, factId: row.factId, name, id: factId, type: factType });
      }
    }

    // Claims: each row's date and quantity are what its source says; rows about the same fact may differ.
    if (row.date && !rowCuration.dateIsNotTheFacts) b.claim({ subject: factId, property: factType === 'Award' ? 'date' : dateProperty(factType), value: row.date, quotes: [] });
    if (first && factType !== 'Statistic') {
      const property = rowCuration.quantityProperty ?? 'quantity';
      const value = rowCuration.quantityProperty ? renderQuantity(first) : row.quantities.map(renderQuantity).join('; ');
      b.claim({ subject: factId, property, value, quotes: [] });
    }

    const link = (from: string, type: RelationTypeName, to: string, role?: string, claim?: BundleRelation['claim']) => {
      const fromType = from === factId ? factType : typeOfId(from);
      const toType = to === factId ? factType : typeOfId(to);
      const ends = relationEnds[type];
      if (!fromType || !toType || !(ends.from as readonly string[]).includes(fromType) || !(ends.to as readonly string[]).includes(toType)) return false;
      b.relation({ type, from, to, ...(role ? { role } : {}), quotes: [], ...(claim ? { claim } : {}) });
      return true;
    };

    // Actors: the subject column's names (split on ';'), or the curated list.
    const actors: CuratedActor[] = (rowCuration.actors ?? row.subject.split(';').map((name) => name.trim()).filter(Boolean)).map((actor) => (typeof actor === 'string' ? { ref: actor } : actor));
    for (const actor of actors) {
      const resolved = resolveRef(actor.ref, 'subject');
      if (!resolved) continue;
      if (actor.relation) {
        const [from, to] = actor.relation.startsWith('<') ? [factId, resolved.id] : [resolved.id, factId];
        const type = actor.relation.replace(/^</, '') as RelationTypeName;
        if (!(type in relationEnds) || !link(from, type, to, actor.role)) problems.push({ path: at('subject'), message: `cannot link ${resolved.id} to ${factId} with ${actor.relation}` });
        continue;
      }
      defaultActorLink(resolved, actor.role);
    }
    function defaultActorLink(actor: { id: string; type: EntityTypeName }, role?: string) {
      switch (factType) {
        case 'Memorandum':
          link(actor.id, actor.type === 'Person' ? 'SIGNED' : 'PARTY_TO', factId, role);
          break;
        case 'ServiceCenter':
          if (actor.type === 'Agency') link(factId, 'OPERATED_BY', actor.id, role);
          else if (actor.type === 'Country') link(factId, 'LOCATED_IN', actor.id, role);
          break;
        case 'Training':
          link(factId, 'TRAINED', actor.id, role ?? row.subject);
          break;
        case 'Award':
          link(actor.id, 'RECEIVED', factId, role);
          break;
        case 'Statistic':
          link(factId, 'MEASURES', actor.id, role);
          break;
        default:
          link(actor.id, 'PARTICIPATED_IN', factId, role);
      }
    }

    // Countries and international organisations the row names.
    // A fact the graph already holds keeps its own country links (its party may be an agency based there).
    const knownCountries = factIsKnown ? (knownFacts.find((fact) => fact.id === factId)?.countries ?? []) : [];
    for (const code of isoCountries) {
      if (knownCountries.includes(code)) continue;
      const country = `country:${code}`;
      switch (factType) {
        case 'Memorandum':
          link(country, 'PARTY_TO', factId);
          break;
        case 'ServiceCenter':
          link(factId, 'LOCATED_IN', country);
          break;
        case 'Training':
          link(factId, 'TRAINED', country, 'partner country');
          break;
        case 'Award':
          link(factId, 'CONFERRED_BY', country);
          break;
        case 'Statistic':
          link(factId, 'MEASURES', country);
          break;
        default:
          link(country, 'PARTICIPATED_IN', factId, 'partner country');
      }
    }
    if (orgId) {
      if (factType === 'Award') link(factId, 'CONFERRED_BY', orgId);
      else if (factType === 'Memorandum') link(orgId, 'PARTY_TO', factId);
      else if (factType === 'Statistic') link(factId, 'MEASURES', orgId);
      else link(orgId, 'PARTICIPATED_IN', factId, 'partner organisation');
    }
    if (curation.model) {
      const model = resolveRef(curation.model, 'subject');
      if (model && factType === 'ServiceCenter') link(factId, 'MODELLED_ON', model.id);
      if (model && factType === 'Training' && !actors.some((actor) => actor.relation === '<PROVIDED_BY')) link(factId, 'PROVIDED_BY', model.id);
    }

    for (const relation of rowCuration.relations ?? []) {
      const from = resolveRef(relation.from, 'subject');
      const to = resolveRef(relation.to, 'subject');
      if (!from || !to) continue;
      const claim = relation.claim ? { subject: relation.claim.subject ? (resolveRef(relation.claim.subject, 'subject')?.id ?? factId) : factId, property: relation.claim.property, value: relation.claim.value } : undefined;
      if (!(relation.type in relationEnds) || !link(from.id, relation.type as RelationTypeName, to.id, relation.role, claim)) {
        problems.push({ path: at('subject'), message: `curated relation ${relation.from} ${relation.type} ${relation.to} is not allowed between a ${from.type} and a ${to.type}` });
      }
    }
    for (const claim of rowCuration.claims ?? []) {
      const subject = claim.subject ? resolveRef(claim.subject, 'subject') : { id: factId };
      if (subject) b.claim({ subject: subject.id, property: claim.property, value: claim.value, quotes: [] });
    }
  }
  return { bundles: [...builders.values()].map((builder) => builder.build()), report, problems };
}

/** The table's name as used in the ids of its own facts: asan-network-facts.tsv -> asan-network-facts. */
export function tableSlugOf(file: string): string {
  const base = file.split(/[\\/]/).pop()!.replace(/\.(tsv|csv)$/i, '');
  return slug(fold(base), 40);
}
