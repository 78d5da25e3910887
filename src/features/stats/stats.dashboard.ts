/**
 * Dashboard aggregates from the rows the stats queries return: chart-ready groups with stable
 * keys, zeros rather than nulls, quantity sums that keep their qualifier, and beside every count
 * how many of its items are disputed (counted in Cypher, like the counts themselves).
 */
import { entitySpec, isEntityTypeName } from '../../core/model/registry';
import type { EntityType } from '../../generated/graphql';
import type { StatsRows } from './stats.repository';
import { sumOfTotals } from '../../core/model/quantity-sums';

/** The GraphQL EntityType value of a stored type name. */
const enumOf = (type: string): string => (isEntityTypeName(type) ? entitySpec(type).enumValue : type);

/** Trainings per recipient country, counted and their stated sessions and participants added up in Cypher; qualified here. */
function trainingsByRecipientCountry(rows: StatsRows['trainings']) {
  return rows.map((row) => {
    const sum = (key: 'count' | 'participants') => sumOfTotals(row.totals[key]!);
    return {
      country: row.code,
      label: row.name,
      trainings: row.count,
      disputed: row.disputed,
      sessions: sum('count'),
      participants: sum('participants'),
    };
  });
}

interface CountryYearCell {
  country: string;
  year: number | null;
  memoranda: number;
  disputedMemoranda: number;
  trainings: number;
  disputedTrainings: number;
}

/** Undated (null) after every year. */
const compareYears = (a: number | null, b: number | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/** The country x year cross-tab of memoranda and trainings; a cell with one of them has 0 for the other, the undated cell has year null. */
function countryYear(rows: StatsRows): CountryYearCell[] {
  const cells = new Map<string, CountryYearCell>();
  const cell = (country: string, year: number | null) => {
    const key = `${country}|${year ?? ''}`;
    const found = cells.get(key) ?? { country, year, memoranda: 0, disputedMemoranda: 0, trainings: 0, disputedTrainings: 0 };
    cells.set(key, found);
    return found;
  };
  for (const row of rows.memorandumCountryYears)
    Object.assign(cell(row.code, row.year), { memoranda: row.count, disputedMemoranda: row.disputed });
  for (const row of rows.trainingCountryYears)
    Object.assign(cell(row.code, row.year), { trainings: row.count, disputedTrainings: row.disputed });
  return [...cells.values()].sort((a, b) => a.country.localeCompare(b.country) || compareYears(a.year, b.year));
}

/** The repository's aggregates each dashboard field is computed from. */
const partsOfField: Record<string, readonly (keyof StatsRows)[]> = {
  entitiesByType: ['entitiesByType'],
  relationsByType: ['relationsByType'],
  memorandaByYear: ['memorandaByYear'],
  trainingsByRecipientCountry: ['trainings'],
  centresByModelAgency: ['centresByModelAgency'],
  countryYear: ['memorandumCountryYears', 'trainingCountryYears'],
  factsByCountry: ['factsByCountry'],
};

/** The aggregates the selected dashboard fields need. */
export function statsPartsFor(fields: ReadonlySet<string>): Set<keyof StatsRows> {
  return new Set([...fields].flatMap((field) => partsOfField[field] ?? []));
}

export function dashboard(rows: StatsRows) {
  return {
    entitiesByType: rows.entitiesByType.map((row) => ({ ...row, key: enumOf(row.key), label: row.key })),
    relationsByType: rows.relationsByType.map((row) => ({ ...row, label: row.key.toLowerCase().replace(/_/g, ' ') })),
    memorandaByYear: rows.memorandaByYear.map((row) => ({ ...row, label: row.key })),
    trainingsByRecipientCountry: trainingsByRecipientCountry(rows.trainings),
    centresByModelAgency: rows.centresByModelAgency,
    countryYear: countryYear(rows),
    factsByCountry: rows.factsByCountry.map((row) => ({
      country: row.code,
      label: row.name,
      type: entitySpec(row.type).enumValue as EntityType,
      count: row.count,
      undated: row.undated,
      disputed: row.disputed,
    })),
  };
}
