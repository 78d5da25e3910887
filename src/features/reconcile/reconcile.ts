/**
 * A reconciliation batch answered: the countries its constraints name are looked up once, every
 * query's candidates are read in one statement, then each candidate is scored (scoring.ts) and
 * each query's best `limit` are answered under its key, as the spec's reconciliation result
 * batch. Suggest answers come from the same index and the registry.
 */
import type { EntityTypeName } from '../../core/model/registry';
import { reconcileProperties, type ReconcileQuery } from './queries';
import { reconcileTypes, typeOf } from './manifest';
import { byScore, isClearWinner, queryKeys, scoreCandidate, type CandidateScore } from './scoring';
import type { CandidateRow, ReconcileRepository } from './reconcile.repository';

export interface ReconcileCandidate {
  id: string;
  name: string;
  description?: string;
  score: number;
  match: boolean;
  type: { id: string; name: string }[];
  features: { id: string; value: number | boolean }[];
}

export type ResultBatch = Record<string, { result: ReconcileCandidate[] }>;

/** The longest description a candidate carries (OpenRefine shows it in a cell). */
const maxCandidateDescription = 160;

/** Answers a checked batch (queries.ts). */
export async function reconcileBatch(repository: ReconcileRepository, queries: readonly ReconcileQuery[]): Promise<ResultBatch> {
  const countries = await repository.countryCodes(queries.flatMap((query) => query.countries));
  const candidates = await repository.candidates(
    queries.map((query) => ({ key: query.key, text: query.text, types: query.types, withCountries: query.countries.length > 0 })),
  );
  const batch: ResultBatch = {};
  for (const query of queries) {
    const asked = query.countries.length > 0 ? [...new Set(query.countries.flatMap((value) => countries.get(value) ?? []))] : null;
    batch[query.key] = { result: rankCandidates(query, candidates.get(query.key) ?? [], asked) };
  }
  return batch;
}

function rankCandidates(query: ReconcileQuery, rows: readonly CandidateRow[], countries: string[] | null): ReconcileCandidate[] {
  const keys = queryKeys(query.text);
  const scored = rows.map((row) => ({ ...row, score: scoreCandidate(keys, row, countries) })).sort(byScore);
  const winner = isClearWinner(scored);
  return scored.slice(0, query.limit).map((row, index) => candidateOf(row, row.score, winner && index === 0));
}

function candidateOf(row: CandidateRow, score: CandidateScore, match: boolean): ReconcileCandidate {
  const features: ReconcileCandidate['features'] = [{ id: 'name', value: score.nameScore }];
  if (score.inCountry !== null) features.push({ id: 'country', value: score.inCountry });
  const description = row.description
    ? row.description.length > maxCandidateDescription
      ? `${row.description.slice(0, maxCandidateDescription - 1)}…`
      : row.description
    : undefined;
  return {
    id: row.id,
    name: row.name,
    ...(description ? { description } : {}),
    score: score.score,
    match,
    type: [typeOf(row.type)],
    features,
  };
}

/** Most suggestions one request answers, and the furthest a cursor may page. */
export const suggestPage = 10;
export const maxSuggestCursor = 100;

/** Suggest for entities: names starting as typed, each with its type. */
export async function suggestEntities(
  repository: ReconcileRepository,
  prefix: string,
  types: EntityTypeName[] | null,
  cursor: number,
): Promise<{ result: { id: string; name: string; description?: string; notable: { id: string; name: string }[] }[] }> {
  const rows = await repository.suggest(prefix, types, cursor, suggestPage);
  return {
    result: rows.map((row) => ({
      id: row.id,
      name: row.name,
      ...(row.description ? { description: row.description.slice(0, maxCandidateDescription) } : {}),
      notable: [typeOf(row.type)],
    })),
  };
}

/** Whether `prefix` starts one of the words of `text`, folded (suggest for types and properties). */
const startsAWord = (text: string, prefix: string): boolean =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((word) => word.startsWith(prefix.toLowerCase().trim()));

/** Suggest for types: the registry's entity types whose id or name has a word starting with `prefix`. */
export function suggestTypes(prefix: string): { result: { id: string; name: string; description: string }[] } {
  return { result: reconcileTypes.filter((type) => startsAWord(`${type.id} ${type.name}`, prefix)) };
}

/** Suggest for properties: the constraints a query may give (country). */
export function suggestProperties(prefix: string): { result: { id: string; name: string; description: string }[] } {
  return {
    result: reconcileProperties
      .filter((property) => startsAWord(`${property.id} ${property.name}`, prefix))
      .map(({ id, name, description }) => ({ id, name, description })),
  };
}
