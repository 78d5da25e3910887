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
import { matchKey, type EntityResolver, type KnownEntity } from './resolve';

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
  /** matched: how; unsure: the entities it might have been; refused: which link and why. */
  note?: string;
}

export interface ImportReport {
  matched: ReportLine[];
  created: ReportLine[];
  unsure: ReportLine[];
  /** Links the rules proposed that were not written: no rule for the types, or the model forbids the relation between them. */
  refused: ReportLine[];
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
  readonly report: ImportReport = { matched: [], created: [], unsure: [], refused: [] };
  readonly problems: BundleProblem[] = [];
  /** Ids this import made up; a name resolving to one is not "matched", it was created here. */
  readonly createdIds = new Set<string>();
  readonly curatedEntities: ReadonlyMap<string, CuratedEntity>;
  private readonly builders = new Map<string, BundleBuilder>();
  /** Report lines already written, so a name used on many rows is reported once. */
  private readonly reported = new Set<string>();

  constructor(
    readonly curation: Curation,
    readonly resolver: EntityResolver,
    readonly knownFacts: readonly KnownFact[],
    readonly tableSlug: string,
  ) {
    this.curatedEntities = new Map((curation.entities ?? []).map((entity) => [entity.id, entity]));
    // Curated entities resolve by name like the graph's own; the graph's version wins.
    for (const entity of this.curatedEntities.values()) {
      if (!resolver.get(entity.id)) resolver.add({ id: entity.id, type: entity.type, name: entity.name, aliases: entity.aliases ?? [] });
    }
  }

  /** The bundle of the source a row cites, started by its first row. */
  builderFor(cited: FactRow['source']): BundleBuilder {
    const source = sourceOf(cited);
    let builder = this.builders.get(source.id);
    if (!builder) {
      builder = new BundleBuilder(source);
      this.builders.set(source.id, builder);
    }
    return builder;
  }

  /** Adds a report line unless the list has one with the same key (by default: the entity and the name used). */
  addToReport(list: keyof ImportReport, line: ReportLine, key = `${line.id}|${matchKey(line.name)}`): void {
    if (this.reported.has(`${list}|${key}`)) return;
    this.reported.add(`${list}|${key}`);
    this.report[list].push(line);
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
