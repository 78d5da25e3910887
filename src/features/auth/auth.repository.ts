/**
 * Cypher for API keys: (:ApiKey {id, name, role, hash, created, revokedAt}). The hash leaves
 * this repository only through keyForCheck, which the auth plugin compares and drops; lists
 * never carry it.
 */
import type { Role } from '../../core/auth/roles';
import type { QueryRunner } from '../../core/db/database';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  /** ISO 8601 date-time. */
  created: string;
  /** When it was revoked (ISO 8601), null while it is valid. */
  revokedAt: string | null;
}

/** What authenticating a key needs: its record and the stored hash of its secret. */
export interface ApiKeyCheck extends ApiKeyRecord {
  hash: string;
}

const record = 'k.id AS id, k.name AS name, k.role AS role, k.created AS created, k.revokedAt AS revokedAt';

export class ApiKeyRepository {
  constructor(private readonly db: QueryRunner) {}

  async create(key: { id: string; name: string; role: Role; hash: string }): Promise<ApiKeyRecord> {
    const rows = await this.db.writeTransaction((tx) =>
      tx.run(`CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, created: datetime()}) RETURN ${record}`, key),
    );
    return rows[0] as unknown as ApiKeyRecord;
  }

  /** Every key, newest first, revoked ones included (they say when). */
  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.read(`MATCH (k:ApiKey) RETURN ${record} ORDER BY k.created DESC, k.id`);
    return rows as unknown as ApiKeyRecord[];
  }

  /** Marks the key revoked (the first revocation's time is kept); null when no key has that id. */
  async revoke(id: string): Promise<ApiKeyRecord | null> {
    const rows = await this.db.writeTransaction((tx) =>
      tx.run(`MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, datetime()) RETURN ${record}`, { id }),
    );
    return (rows[0] as unknown as ApiKeyRecord | undefined) ?? null;
  }

  async keyForCheck(id: string): Promise<ApiKeyCheck | null> {
    const rows = await this.db.read(`MATCH (k:ApiKey {id: $id}) RETURN ${record}, k.hash AS hash`, { id });
    return (rows[0] as unknown as ApiKeyCheck | undefined) ?? null;
  }
}
