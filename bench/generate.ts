/**
 * A deterministic synthetic cooperation graph for tests and benchmarks: countries, agencies,
 * officials, memoranda, centres, trainings, events, awards and statistics, shaped like the seed
 * (same labels, properties, relation types, citations), every id prefixed `<prefix>` so a test
 * can isolate or delete it. Written in batched UNWIND statements (seconds for 10k), with an
 * optional progress callback (the benchmark prints rows written and rows per second).
 *
 * Skew, as in real cooperation data: country 0 hosts a fifth of all agencies, countries 0-2 are
 * the place or party of ~30% of located facts, and agencies 0-4 are a party to / provider of
 * ~20% of memoranda and trainings (hubs), while most agencies have one or two relations.
 *
 *   generateGraph(db, { prefix: 'gen-ab12cd:', entities: 10_000, seed: 1 })
 */
import type { Database } from '../src/core/db/database';
import { fold } from '../src/core/model/folding';
import { entityNodeProperties, type EntityInput } from '../src/core/model/storage';
import { rankAllPartners } from '../src/ingest/partner-ranks';

export interface GenerateOptions {
  /** Prefix of every id, e.g. "gen-ab12cd:". Letters, digits, '-' and ':' only. */
  prefix: string;
  /** Roughly how many entities (at least 1,000). */
  entities?: number;
  /** PRNG seed: the same seed and size give the same graph. */
  seed?: number;
  /** Rows per write statement. */
  batchSize?: number;
  /** Called after every batch written: how far the load is. */
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  phase: 'entities' | 'relations' | 'partner ranks';
  done: number;
  total: number;
}

export interface GeneratedGraph {
  prefix: string;
  sourceId: string;
  entities: number;
  relations: number;
  /** Ids and codes tests can aim at. */
  countryCodes: string[];
  sample: { agency: string; person: string; memorandum: string; center: string; hubCountry: string; farAgency: string };
  /** The skewed part of the graph: hub countries (ids and codes, the first is the biggest) and hub agencies. */
  hubs: { countries: string[]; countryCodes: string[]; agencies: string[] };
}

/** Generated entities are stated like a bundle's and stored by core/model/storage.ts, as the writer stores them. */
type EntityRow = EntityInput & { aliases: string[] };

interface RelationRow {
  type: string;
  from: string;
  to: string;
  role: string | null;
  start: string | null;
  end: string | null;
}

/** mulberry32: small, fast, deterministic; the seeded generator of the bench and of the randomized tests (a failing run replays from its seed). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables = [
  'xid',
  'mət',
  'asan',
  'dövlət',
  'şura',
  'çay',
  'gün',
  'ağ',
  'ölkə',
  'kənd',
  'bakı',
  'nur',
  'ələm',
  'ırmaq',
  'qala',
  'səhiyyə',
  'təhsil',
  'rəqəm',
  'inno',
  'vasiya',
  'kabil',
  'herat',
  'balx',
  'zəfər',
];
const agencyWords = ['Agency', 'Ministry', 'Service', 'Institute', 'Centre', 'Committee', 'Fund', 'Council'];
const firstNames = ['Əli', 'Ülvi', 'Rəşad', 'Günay', 'Şəbnəm', 'Çingiz', 'Aynur', 'Ahmad', 'Farid', 'Zahra', 'Murad', 'Leyla'];
const lastNames = ['Məmmədov', 'Əliyev', 'Hüseynov', 'Quliyev', 'Rəhimi', 'Karimi', 'Ceyhun', 'Mehdiyev', 'Şükürov', 'Nəsirli'];
// Subsets of the registry's kinds and qualifiers: the mix every benchmark since the first has generated.
const agencyKinds = ['GOVERNMENT_AGENCY', 'MINISTRY', 'PUBLIC_LEGAL_ENTITY', 'ASSOCIATION', 'EMBASSY', 'COMPANY'];
const memorandumKinds = ['MOU', 'AGREEMENT', 'LETTER_OF_INTENT', 'ACTION_PLAN'];
const eventKinds = ['MEETING', 'VISIT', 'SIGNING', 'FORUM', 'CEREMONY'];
const qualifiers = ['EXACT', 'ABOUT', 'MORE_THAN', 'AT_LEAST'];

/** What generateGraph writes, built without a database: the same seed and size give the same rows. */
export interface GeneratedRows {
  entities: EntityRow[];
  relations: RelationRow[];
  /** The ids tests aim at (GeneratedGraph without the counts and the source). */
  targets: Pick<GeneratedGraph, 'countryCodes' | 'sample' | 'hubs'>;
}

export async function generateGraph(db: Database, options: GenerateOptions): Promise<GeneratedGraph> {
  const { entities, relations, targets } = generateRows(options);
  const sourceId = `${options.prefix}source`;
  await writeGenerated(db, sourceId, entities, relations, options.batchSize ?? 5000, options.onProgress);
  // The writer ranks partners as it writes; the generator writes around it, so it ranks after.
  await rankAllPartners(db, {
    prefix: options.prefix,
    onProgress: (done, total) => options.onProgress?.({ phase: 'partner ranks', done, total }),
  });
  return { prefix: options.prefix, sourceId, entities: entities.length, relations: relations.length, ...targets };
}

/** The generated graph's entities and relations (every registry entity type; tests/unit/registry-places.test.ts checks it). */
export function generateRows(options: Pick<GenerateOptions, 'prefix' | 'entities' | 'seed'>): GeneratedRows {
  const { prefix } = options;
  if (!/^[A-Za-z0-9:-]+$/.test(prefix)) throw new Error(`generator prefix must be letters, digits, '-' or ':'; got ${prefix}`);
  const total = Math.max(1000, options.entities ?? 10_000);
  const random = prng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const word = () => {
    const w = pick(syllables) + pick(syllables);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const date = (from: number, to: number) => {
    const year = int(from, to);
    const precision = random();
    if (precision < 0.3) return String(year);
    const month = String(int(1, 12)).padStart(2, '0');
    if (precision < 0.6) return `${year}-${month}`;
    return `${year}-${month}-${String(int(1, 28)).padStart(2, '0')}`;
  };

  const entities: EntityRow[] = [];
  const relations: RelationRow[] = [];
  const rel = (type: string, from: string, to: string, extra: Partial<RelationRow> = {}) =>
    relations.push({ type, from, to, role: extra.role ?? null, start: extra.start ?? null, end: extra.end ?? null });

  // Sizes as shares of the total, like a real cooperation graph: many agencies and facts, few countries.
  const share = (fraction: number) => Math.max(5, Math.round(total * fraction));
  const countryCount = Math.min(60, Math.max(10, Math.round(total / 250)));
  const sizes = {
    agency: share(0.28),
    person: share(0.2),
    memorandum: share(0.15),
    center: share(0.05),
    training: share(0.14),
    event: share(0.1),
    award: share(0.03),
  };
  const statistics = Math.max(5, total - countryCount - Object.values(sizes).reduce((a, b) => a + b, 0));
  const tag = prefix
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-6)
    .toUpperCase();

  const countries: string[] = [];
  const countryCodes: string[] = [];
  for (let i = 0; i < countryCount; i++) {
    const id = `${prefix}country:${i}`;
    const code = `G${i}X${tag}`;
    countries.push(id);
    countryCodes.push(code);
    const name = `${word()}stan ${i}`;
    entities.push({ id, type: 'Country', name, aliases: [`${name} Respublikası`], attributes: { code, alpha3: `${code}3` } });
  }
  // A few hubs hold many relations: countries 0-2 and agencies 0-4 (see the header).
  const hubCountry = () => (random() < 0.3 ? countries[int(0, Math.min(2, countries.length - 1))]! : pick(countries));
  const hubAgency = () => (random() < 0.2 ? agencies[int(0, Math.min(4, agencies.length - 1))]! : pick(agencies));
  const agencies: string[] = [];
  for (let i = 0; i < sizes.agency; i++) {
    const id = `${prefix}agency:${i}`;
    agencies.push(id);
    const name = `${word()} ${pick(agencyWords)} ${i}`;
    entities.push({ id, type: 'Agency', name, aliases: [`${fold(name).toUpperCase()}`], attributes: { kind: pick(agencyKinds) } });
    // Country 0 is a hub: a fifth of all agencies are based there.
    rel('BASED_IN', id, i % 5 === 0 ? countries[0]! : pick(countries));
    if (i > 10 && random() < 0.1) rel('PART_OF', id, agencies[int(0, i - 1)]!);
    if (i > 10 && random() < 0.15) rel('MEMBER_OF', id, agencies[int(0, 10)]!, { start: date(2005, 2020) });
  }
  const people: string[] = [];
  for (let i = 0; i < sizes.person; i++) {
    const id = `${prefix}person:${i}`;
    people.push(id);
    const first = pick(firstNames);
    const last = pick(lastNames);
    entities.push({ id, type: 'Person', name: `${first} ${last} ${i}`, aliases: [fold(`${first} ${last} ${i}`)] });
    const start = date(2000, 2018);
    rel('HOLDS_POSITION', id, pick(agencies), {
      role: pick(['Chairman', 'Director', 'Ambassador', 'Adviser']),
      start,
      end: random() < 0.5 ? date(Number(start.slice(0, 4)) + 1, 2024) : null,
    });
  }
  const memoranda: string[] = [];
  for (let i = 0; i < sizes.memorandum; i++) {
    const id = `${prefix}memorandum:${i}`;
    memoranda.push(id);
    const signed = date(2005, 2024);
    entities.push({
      id,
      type: 'Memorandum',
      name: `Memorandum ${word()} ${i}`,
      aliases: [],
      attributes: { kind: pick(memorandumKinds), signed },
    });
    const a = hubAgency();
    let b = pick(agencies);
    if (b === a) b = agencies[(agencies.indexOf(a) + 1) % agencies.length]!;
    rel('PARTY_TO', a, id, { start: signed });
    rel('PARTY_TO', random() < 0.1 ? hubCountry() : b, id, { start: signed });
    if (random() < 0.5) rel('SIGNED', pick(people), id, { start: signed });
  }
  const centers: string[] = [];
  for (let i = 0; i < sizes.center; i++) {
    const id = `${prefix}center:${i}`;
    centers.push(id);
    entities.push({
      id,
      type: 'ServiceCenter',
      name: `${word()} xidmət mərkəzi ${i}`,
      aliases: [`${word()} service centre ${i}`],
      attributes: { city: word(), opened: date(2012, 2024) },
    });
    rel('MODELLED_ON', id, agencies[int(0, 20)]!);
    rel('OPERATED_BY', id, pick(agencies));
    rel('LOCATED_IN', id, hubCountry());
    if (random() < 0.5) rel('ESTABLISHED_UNDER', id, pick(memoranda));
  }
  for (let i = 0; i < sizes.training; i++) {
    const id = `${prefix}training:${i}`;
    const attributes: Record<string, unknown> = { date: date(2010, 2024), topics: [word()] };
    if (random() < 0.7) attributes.participants = { value: int(5, 300), qualifier: pick(qualifiers), unit: 'participants' };
    if (random() < 0.5) attributes.count = { value: int(1, 30), qualifier: pick(qualifiers), unit: 'trainings' };
    entities.push({ id, type: 'Training', name: `Training ${word()} ${i}`, aliases: [], attributes });
    rel('PROVIDED_BY', id, hubAgency());
    rel('TRAINED', id, random() < 0.3 ? hubCountry() : random() < 0.5 ? pick(centers) : pick(agencies), { role: 'staff' });
    if (random() < 0.5) rel('UNDER', id, pick(memoranda));
  }
  for (let i = 0; i < sizes.event; i++) {
    const id = `${prefix}event:${i}`;
    entities.push({
      id,
      type: 'Event',
      name: `${pick(eventKinds)} ${word()} ${i}`,
      aliases: [],
      attributes: { kind: pick(eventKinds), date: date(2010, 2024), topics: [word(), word()] },
    });
    rel('PARTICIPATED_IN', pick(people), id, { role: 'host' });
    rel('PARTICIPATED_IN', pick(people), id, { role: 'guest' });
    rel('HELD_AT', id, pick(agencies));
    rel('LOCATED_IN', id, hubCountry());
    if (random() < 0.5) rel('DISCUSSED', id, pick(memoranda));
  }
  for (let i = 0; i < sizes.award; i++) {
    const id = `${prefix}award:${i}`;
    entities.push({ id, type: 'Award', name: `${word()} Award ${i}`, aliases: [], attributes: { date: String(int(2005, 2024)) } });
    rel('CONFERRED_BY', id, pick(agencies));
    rel('RECEIVED', pick(agencies), id);
  }
  for (let i = 0; i < statistics; i++) {
    const id = `${prefix}statistic:${i}`;
    entities.push({
      id,
      type: 'Statistic',
      name: `Applications at ${word()} ${i}`,
      aliases: [],
      attributes: {
        metric: 'applications',
        value: { value: int(100, 1e6), qualifier: pick(qualifiers), unit: 'applications' },
        asOf: date(2015, 2024),
      },
    });
    rel('MEASURES', id, pick(agencies));
  }

  // A far agency: the last one, based somewhere other than the hub.
  return {
    entities,
    relations,
    targets: {
      countryCodes,
      sample: {
        agency: agencies[1]!,
        person: people[0]!,
        memorandum: memoranda[0]!,
        center: centers[0]!,
        hubCountry: countries[0]!,
        farAgency: agencies[agencies.length - 1]!,
      },
      hubs: { countries: countries.slice(0, 3), countryCodes: countryCodes.slice(0, 3), agencies: agencies.slice(0, 5) },
    },
  };
}

/** Batched writes shaped exactly like the bundle writer's (labels, search keys, citations). */
async function writeGenerated(
  db: Database,
  sourceId: string,
  entities: EntityRow[],
  relations: RelationRow[],
  batchSize: number,
  onProgress: ((progress: GenerateProgress) => void) | undefined,
): Promise<void> {
  await db.write(
    `MERGE (s:Source {id: $id}) SET s.title = 'Synthetic cooperation graph', s.publisher = 'coopgraph bench/generate.ts', s.language = 'en', s.translations = '[]'`,
    { id: sourceId },
  );
  for (let i = 0; i < entities.length; i += batchSize) {
    const rows = entities.slice(i, i + batchSize).map((e) => ({ type: e.type, props: entityNodeProperties(e, sourceId) }));
    await db.write(
      `MATCH (s:Source {id: $sourceId})
       UNWIND $rows AS e
       CREATE (n:Entity {id: e.props.id})
       SET n:$(e.type), n += e.props
       CREATE (n)-[:MENTIONED_IN]->(s)`,
      { rows, sourceId },
    );
    onProgress?.({ phase: 'entities', done: Math.min(i + batchSize, entities.length), total: entities.length });
  }
  for (let i = 0; i < relations.length; i += batchSize) {
    await db.write(
      `UNWIND $rows AS rel
       MATCH (a:Entity {id: rel.from}), (b:Entity {id: rel.to})
       CREATE (a)-[r:$(rel.type)]->(b)
       SET r.key = coalesce(rel.role, ''), r.role = rel.role, r.start = rel.start, r.end = rel.end, r.sourceIds = [$sourceId], r.quotes = ['']`,
      { rows: relations.slice(i, i + batchSize), sourceId },
    );
    onProgress?.({ phase: 'relations', done: Math.min(i + batchSize, relations.length), total: relations.length });
  }
}

/** Deletes everything a generateGraph call with this prefix wrote. */
export async function deleteGenerated(db: Database, prefix: string): Promise<void> {
  for (;;) {
    const rows = await db.write(
      `MATCH (e:Entity) WHERE e.id STARTS WITH $prefix WITH e LIMIT 5000 DETACH DELETE e RETURN count(*) AS deleted`,
      { prefix },
    );
    if (((rows[0]?.deleted as number | undefined) ?? 0) === 0) break;
  }
  await db.write('MATCH (s:Source) WHERE s.id STARTS WITH $prefix DETACH DELETE s', { prefix });
  await db.write('MATCH (p:PartnerRank) WHERE p.self STARTS WITH $prefix DELETE p', { prefix });
}
