/** Cypher the table import reads before converting: what the graph already knows, for entity resolution. */
import type { QueryRunner } from '../../core/db/database';
import { countryCodes, entityDate } from '../../core/cypher/fragments';
import { datedTypes } from '../../core/model/registry';
import type { EntityTypeName } from '../../core/model/records';
import type { KnownFact, KnownPosition } from './convert';
import type { KnownEntity } from './resolve';

export class TableImportRepository {
  constructor(private readonly db: QueryRunner) {}

  /** Every entity's names (countries, agencies, people and facts alike). */
  async knownEntities(): Promise<KnownEntity[]> {
    const rows = await this.db.read(
      'MATCH (e:Entity) RETURN e.id AS id, e.type AS type, e.name AS name, coalesce(e.aliases, []) AS aliases',
    );
    return rows.map((row) => ({
      id: row.id as string,
      type: row.type as EntityTypeName,
      name: row.name as string,
      aliases: row.aliases as string[],
    }));
  }

  /** Who holds a position at which agency: a signatory's agency becomes a party to what he signs. */
  async positions(): Promise<KnownPosition[]> {
    const rows = await this.db.read(
      'MATCH (p:Entity)-[:HOLDS_POSITION]->(a:Entity) RETURN DISTINCT p.id AS person, a.id AS agency ORDER BY person, agency',
    );
    return rows.map((row) => ({ person: row.person as string, agency: row.agency as string }));
  }

  /** Fact entities with what identifies them: their countries (the registry's country routes), date, kind, city, conferrers, parties. */
  async knownFacts(): Promise<KnownFact[]> {
    const rows = await this.db.read(
      `MATCH (f:Entity) WHERE f.type IN $types
       RETURN f.id AS id, f.type AS type, f.name AS name, coalesce(f.aliases, []) AS aliases,
              ${entityDate('f')} AS date, f.kind AS kind, f.city AS city,
              ${countryCodes('f')} AS countries,
              COLLECT { MATCH (f)-[:CONFERRED_BY]->(c:Entity) RETURN c.id } AS conferrers,
              COLLECT { MATCH (p:Entity)-[:PARTY_TO]->(f) RETURN p.id } AS parties`,
      { types: datedTypes },
    );
    return rows.map((row) => ({
      id: row.id as string,
      type: row.type as EntityTypeName,
      name: row.name as string,
      aliases: row.aliases as string[],
      date: (row.date as string | null) ?? null,
      kind: (row.kind as string | null) ?? null,
      city: (row.city as string | null) ?? null,
      countries: row.countries as string[],
      conferrers: row.conferrers as string[],
      parties: row.parties as string[],
    }));
  }
}
