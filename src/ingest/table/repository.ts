/** Cypher the table import reads before converting: what the graph already knows, for entity resolution. */
import type { Database } from '../../db/database';
import type { EntityTypeName } from '../../graph/records';
import type { KnownFact } from './convert';
import type { KnownEntity } from './resolve';

const factTypes = ['Memorandum', 'ServiceCenter', 'Training', 'Award', 'Event', 'Statistic'];

export class TableImportRepository {
  constructor(private readonly db: Database) {}

  /** Every entity's names (countries, agencies, people and facts alike). */
  async knownEntities(): Promise<KnownEntity[]> {
    const rows = await this.db.read('MATCH (e:Entity) RETURN e.id AS id, e.type AS type, e.name AS name, coalesce(e.aliases, []) AS aliases');
    return rows.map((row) => ({ id: row.id as string, type: row.type as EntityTypeName, name: row.name as string, aliases: row.aliases as string[] }));
  }

  /** Fact entities with what identifies them: their countries (directly or through a party's BASED_IN), date, kind, city, conferrers. */
  async knownFacts(): Promise<KnownFact[]> {
    const rows = await this.db.read(
      `MATCH (f:Entity) WHERE f.type IN $types
       RETURN f.id AS id, f.type AS type, f.name AS name, coalesce(f.aliases, []) AS aliases,
              coalesce(f.signed, f.opened, f.date, f.asOf, toString(f.year)) AS date, f.kind AS kind, f.city AS city,
              COLLECT { MATCH (f)-[:LOCATED_IN|PARTY_TO|PARTICIPATED_IN]-(c:Country) RETURN c.code
                        UNION MATCH (f)-[:PARTY_TO|OPERATED_BY]-(:Agency)-[:BASED_IN]->(c:Country) RETURN c.code } AS countries,
              COLLECT { MATCH (f)-[:CONFERRED_BY]->(c:Entity) RETURN c.id } AS conferrers`,
      { types: factTypes },
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
    }));
  }
}
