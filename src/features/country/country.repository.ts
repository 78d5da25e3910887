/** Cypher for countries: lookup by ISO code. */
import type { QueryRunner } from '../../core/db/database';
import type { EntityRecordOf } from '../../core/model/records';
import { entityFromNode, type NodeProperties } from '../../core/model/storage';

export class CountryRepository {
  constructor(private readonly db: QueryRunner) {}

  /** Countries by ISO 3166-1 alpha-2 or alpha-3 code, any case; null where a code names none. */
  async countriesByCodes(codes: readonly string[]): Promise<(EntityRecordOf<'Country'> | null)[]> {
    const upper = codes.map((code) => code.toUpperCase());
    const rows = await this.db.read('MATCH (c:Country) WHERE c.code IN $codes OR c.alpha3 IN $codes RETURN properties(c) AS c', {
      codes: [...new Set(upper)],
    });
    const found = rows.map((row) => entityFromNode(row.c as NodeProperties) as EntityRecordOf<'Country'>);
    return upper.map((code) => found.find((c) => c.attributes.code === code || c.attributes.alpha3 === code) ?? null);
  }
}
