/**
 * What converting a table accumulates across its rows (one bundle per source, the report, the
 * problems, the ids made up so far) and the scope of the one row being converted. Every step of
 * the conversion receives these explicitly instead of sharing closures.
 */
import type { BundleProblem, Bundle } from '../bundle';
import type { EntityTypeName } from '../../core/model/registry';
import { BundleBuilder, sourceOf, type RowStatements } from './builder';
import type { CuratedEntity, CuratedRow, Curation } from './curation';
import type { FactRow } from './parse';
import { personWordsOf, type PersonWords } from './names';
import { matchKey, type EntityResolver, type KnownEntity } from './resolve';

/** An existing fact entity the graph holds, with what identifies it. */
export interface KnownFact extends KnownEntity {
  countries: string[];
  date: string | null;
  kind: string | null;
  city: string | null;
  conferrers: string[];
  /** Who is PARTY_TO it (memoranda): what a training "under the MoU with X" is matched on. */
  parties?: string[];
}

export interface ReportLine {
  row: number;
  factId: string;
  name: string;
  id: string;
  type: EntityTypeName;
  /** matched: how; unsure: the entities it might have been; refused: which link and why. */
  note?: string;
}

/** A name the row gives that became no entity and no link (e.g. a group of people with no leader, owner or country to place). */
export interface UnplacedLine {
  row: number;
  factId: string;
  column: string;
  name: string;
  note: string;
}

/**
 * A link read from the row's free text (extract.ts) rather than a column: what a curator reviews.
 * The phrase is the row's own words it came from; how: the entity was matched, created or is unsure.
 */
export interface ExtractedLine {
  row: number;
  factId: string;
  column: 'subject' | 'object';
  phrase: string;
  /** The link written, "person:x SIGNED memorandum:y (CEO)", or what was read but not written. */
  statement: string;
  /** matched, created, unsure (created apart), or why nothing was written. */
  note: string;
}

export interface ImportReport {
  matched: ReportLine[];
  created: ReportLine[];
  unsure: ReportLine[];
  /** Links the rules proposed that were not written: no rule for the types, or the model forbids the relation between them. */
  refused: ReportLine[];
  /** Names the import could not place anywhere: nothing of them was written. */
  unplaced: UnplacedLine[];
  /** Links inferred from the rows' free text, with the phrase each came from. */
  extracted: ExtractedLine[];
}

/** A person's position at an agency (HOLDS_POSITION), from the graph or stated in this import. */
export interface KnownPosition {
  person: string;
  agency: string;
}

export interface Conversion {
  bundles: Bundle[];
  report: ImportReport;
  problems: BundleProblem[];
}

/** An entity a reference resolved to. */
export interface Resolved {
  id: string;
  type: EntityTypeName;
}

export class ConversionState {
  readonly report: ImportReport = { matched: [], created: [], unsure: [], refused: [], unplaced: [], extracted: [] };
  /** The words of the people the graph and the curation know: the gazetteer for names in free text (names.ts). */
  readonly personWords: PersonWords;
  /** Memoranda this import makes, with what a training "under the Feb 2025 MoU" is matched on. */
  readonly madeMemoranda: KnownFact[] = [];
  readonly problems: BundleProblem[] = [];
  /** Ids this import made up; a name resolving to one is not "matched", it was created here. */
  readonly createdIds = new Set<string>();
  readonly curatedEntities: ReadonlyMap<string, CuratedEntity>;
  private readonly builders = new Map<string, BundleBuilder>();
  /** Memorandum id -> its parties, the graph's and this import's. */
  private readonly partiesOf = new Map<string, Set<string>>();
  /** Report lines already written, so a name used on many rows is reported once. */
  private readonly reported = new Set<string>();

  /** Person id -> the agencies where they hold a position (graph, curation, and signatories' organisations as the import goes). */
  private readonly positions = new Map<string, Set<string>>();

  constructor(
    readonly curation: Curation,
    readonly resolver: EntityResolver,
    readonly knownFacts: readonly KnownFact[],
    readonly tableSlug: string,
    positions: readonly KnownPosition[] = [],
  ) {
    this.curatedEntities = new Map((curation.entities ?? []).map((entity) => [entity.id, entity]));
    // Curated entities resolve by name like the graph's own; the graph's version wins.
    for (const entity of this.curatedEntities.values()) {
      if (!resolver.get(entity.id)) resolver.add({ id: entity.id, type: entity.type, name: entity.name, aliases: entity.aliases ?? [] });
    }
    this.personWords = personWordsOf(resolver.personNames());
    for (const fact of knownFacts) for (const party of fact.parties ?? []) this.addParty(party, fact.id);
    for (const position of positions) this.addPosition(position);
    // Positions the curation states anywhere count on every row, whatever the row order: a
    // signatory's agency is a party even when the row stating his position comes later.
    for (const entity of this.curatedEntities.values())
      if (entity.position && /^agency:/.test(entity.position[1])) this.addPosition({ person: entity.id, agency: entity.position[1] });
    for (const row of Object.values(curation.rows ?? {})) {
      for (const relation of row.relations ?? []) {
        if (relation.type === 'HOLDS_POSITION' && /^person:/.test(relation.from) && /^agency:/.test(relation.to))
          this.addPosition({ person: relation.from, agency: relation.to });
      }
    }
  }

  addPosition({ person, agency }: KnownPosition): void {
    if (!this.positions.has(person)) this.positions.set(person, new Set());
    this.positions.get(person)!.add(agency);
  }

  /** The agencies where a person holds a position, in the order they became known. */
  agenciesOf(person: string): string[] {
    return [...(this.positions.get(person) ?? [])];
  }

  /** Notes a party of a memorandum (graph or this import) as a link is written, so "under the MoU with X" can find it. */
  addParty(party: string, memorandum: string): void {
    if (!this.partiesOf.has(memorandum)) this.partiesOf.set(memorandum, new Set());
    this.partiesOf.get(memorandum)!.add(party);
  }

  /** A memorandum's parties: the graph's and those this import has linked. */
  partiesOfMemorandum(memorandum: string): string[] {
    return [...(this.partiesOf.get(memorandum) ?? [])];
  }

  /** The memoranda the graph holds and this import has made so far. */
  memoranda(): KnownFact[] {
    const made = new Set(this.madeMemoranda.map((fact) => fact.id));
    return [...this.knownFacts.filter((fact) => fact.type === 'Memorandum' && !made.has(fact.id)), ...this.madeMemoranda];
  }

  /** Reports an inference from free text, once per row, phrase and statement. */
  addExtracted(line: ExtractedLine): void {
    if (this.firstTime(`extracted|${line.row}|${line.phrase}|${line.statement}`)) this.report.extracted.push(line);
  }

  /** Reports a name nothing was made of, once per row, column and name. */
  addUnplaced(line: UnplacedLine): void {
    if (this.firstTime(`unplaced|${line.row}|${line.column}|${matchKey(line.name)}`)) this.report.unplaced.push(line);
  }

  /** The bundle of the source a row cites, started by its first row. */
  builderFor(cited: FactRow['source']): BundleBuilder {
    const source = sourceOf(cited);
    let builder = this.builders.get(source.id);
    if (!builder) {
      builder = new BundleBuilder(source);
      this.builders.set(source.id, builder);
    }
    // A later row of the same source may be the one that names its language (parse.ts checks they agree).
    if (cited.language && builder.source.language === 'und') builder.source.language = cited.language;
    return builder;
  }

  /** Adds a report line unless the list has one with the same key (by default: the entity and the name used). */
  addToReport(
    list: Exclude<keyof ImportReport, 'unplaced' | 'extracted'>,
    line: ReportLine,
    key = `${line.id}|${matchKey(line.name)}`,
  ): void {
    if (this.firstTime(`${list}|${key}`)) this.report[list].push(line);
  }

  private firstTime(key: string): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }

  result(): Conversion {
    return { bundles: [...this.builders.values()].map((builder) => builder.build()), report: this.report, problems: this.problems };
  }
}

/** One row being converted: its curation, its source's bundle and its fact entity. */
export interface RowScope {
  readonly state: ConversionState;
  readonly row: FactRow;
  readonly curated: CuratedRow;
  /** Where the row's statements go: its source's bundle, each noted with the row's notes. */
  readonly builder: RowStatements;
  /** The row's fact; the id is the curated one (or '') until identity.ts has decided it. */
  readonly fact: { id: string; readonly type: EntityTypeName };
}

/** Where a problem is in the spreadsheet, e.g. "row 6 (F05), column subject". */
export function at(scope: RowScope, column: string): string {
  return `row ${scope.row.row} (${scope.row.factId}), column ${column}`;
}

/** A report line about this row. */
export function lineFor(scope: RowScope, entity: Resolved & { name: string }, note?: string): ReportLine {
  return { row: scope.row.row, factId: scope.row.factId, name: entity.name, id: entity.id, type: entity.type, ...(note ? { note } : {}) };
}
