/**
 * Dashboard aggregates from the rows the stats queries return: chart-ready groups with stable
 * keys, zeros rather than nulls, and quantity sums that keep their qualifier.
 */
import { entitySpec, isEntityTypeName } from '../../core/model/registry';
import type { QuantityValue } from '../../core/model/values';
import type { StatsRows } from './repository';
import { sumQuantities, type StatedQuantity } from './values';

interface RecipientCountry {
  label: string;
  ids: Set<string>;
  sessions: StatedQuantity[];
  participants: StatedQuantity[];
}

/** Trainings per recipient country; a training named twice for one country counts once. */
function trainingsByRecipientCountry(trainings: StatsRows['trainings']) {
  const byCountry = new Map<string, RecipientCountry>();
  for (const training of trainings) {
    const entry = byCountry.get(training.code) ?? { label: training.name, ids: new Set<string>(), sessions: [], participants: [] };
    byCountry.set(training.code, entry);
    if (entry.ids.has(training.id)) continue;
    entry.ids.add(training.id);
    const { count: sessions, participants } = training.attributes as { count?: QuantityValue; participants?: QuantityValue };
    if (sessions) entry.sessions.push(sessions);
    if (participants) entry.participants.push(participants);
  }
  return [...byCountry.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([country, entry]) => ({
      country,
      label: entry.label,
      trainings: entry.ids.size,
      sessions: sumQuantities(entry.sessions),
      participants: sumQuantities(entry.participants),
    }));
}

/** The country x year cross-tab of memoranda and trainings; a cell with one of them has 0 for the other. */
function countryYear(rows: StatsRows) {
  const cells = new Map<string, { country: string; year: number; memoranda: number; trainings: number }>();
  const cell = (country: string, year: number) => {
    const key = `${country}|${year}`;
    const found = cells.get(key) ?? { country, year, memoranda: 0, trainings: 0 };
    cells.set(key, found);
    return found;
  };
  for (const row of rows.memorandumCountryYears) cell(row.code, row.year).memoranda += row.count;
  for (const row of rows.trainingCountryYears) cell(row.code, row.year).trainings += row.count;
  return [...cells.values()].sort((a, b) => a.country.localeCompare(b.country) || a.year - b.year);
}

/** The repository's aggregates each dashboard field is computed from. */
const partsOfField: Record<string, readonly (keyof StatsRows)[]> = {
  entitiesByType: ['entitiesByType'],
  relationsByType: ['relationsByType'],
  memorandaByYear: ['memorandaByYear'],
  trainingsByRecipientCountry: ['trainings'],
  centresByModelAgency: ['centresByModelAgency'],
  countryYear: ['memorandumCountryYears', 'trainingCountryYears'],
};

/** The aggregates the selected dashboard fields need. */
export function statsPartsFor(fields: ReadonlySet<string>): Set<keyof StatsRows> {
  return new Set([...fields].flatMap((field) => partsOfField[field] ?? []));
}

export function dashboard(rows: StatsRows) {
  return {
    entitiesByType: rows.entitiesByType.map((row) => ({ key: isEntityTypeName(row.key) ? entitySpec(row.key).enumValue : row.key, label: row.key, count: row.count })),
    relationsByType: rows.relationsByType.map((row) => ({ key: row.key, label: row.key.toLowerCase().replace(/_/g, ' '), count: row.count })),
    memorandaByYear: rows.memorandaByYear.map((row) => ({ key: row.key, label: row.key, count: row.count })),
    trainingsByRecipientCountry: trainingsByRecipientCountry(rows.trainings),
    centresByModelAgency: rows.centresByModelAgency,
    countryYear: countryYear(rows),
  };
}
