/** Cypher for countries: lookup by ISO code. */
import type { Database } from '../db/database';
import { entityFromProps, type EntityRecord } from '../graph/records';

export class CountryRepository {
  constructor(private readonly db: Database) {}

  /** Countries by ISO 3166-1 alpha-2 or alpha-3 code, any case; null where a code names none. */
  async countriesByCodes(codes: readonly string[]): Promise<(EntityRecord | null)[]> {
    const upper = codes.map((code) => code.toUpperCase());
    const rows = await this.db.read(
      'MATCH (c:Country) WHERE c.code IN $codes OR c.alpha3 IN $codes RETURN properties(c) AS c',
      { codes: [...new Set(upper)] },
    );
    const found = rows.map((row) => entityFromProps(row.c as Record<string, unknown>));
    return upper.map((code) => found.find((c) => c.props.code === code || c.props.alpha3 === code) ?? null);
  }
}
