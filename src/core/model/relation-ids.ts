/**
 * A relation's id: what identifies its relationship in storage, written out. The writer MERGEs
 * one relationship per (type, from id, to id, key), the key being the role ('' without one), so
 * that tuple is the id: `relation:` + base64url of its JSON. It is computed from the record,
 * without reading anything, and survives a retraction (the archived relation keeps it).
 */
import { InvalidArgumentError } from '../errors';
import { isRelationTypeName, type RelationTypeName } from './registry';
import type { RelationRecord } from './records';

export interface RelationIdentity {
  type: RelationTypeName;
  fromId: string;
  toId: string;
  /** The role, '' for none: the property the writer MERGEs the relationship on. */
  key: string;
}

const prefix = 'relation:';

export function relationId(identity: RelationIdentity): string {
  return prefix + Buffer.from(JSON.stringify([identity.type, identity.fromId, identity.toId, identity.key]), 'utf8').toString('base64url');
}

export function relationIdOf(relation: Pick<RelationRecord, 'type' | 'fromId' | 'toId' | 'role'>): string {
  return relationId({ type: relation.type, fromId: relation.fromId, toId: relation.toId, key: relation.role ?? '' });
}

export const isRelationId = (id: string): boolean => id.startsWith(prefix);

const expected = 'a relation id as Relation.id gives it (relation:<base64url>)';

/** The identity inside a relation id; anything else is BAD_USER_INPUT naming `argument`. */
export function parseRelationId(argument: string, id: string): RelationIdentity {
  const encoded = isRelationId(id) ? id.slice(prefix.length) : '';
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw new InvalidArgumentError(argument, expected, id);
  let tuple: unknown;
  try {
    tuple = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidArgumentError(argument, expected, id);
  }
  if (!Array.isArray(tuple) || tuple.length !== 4 || !tuple.every((part) => typeof part === 'string'))
    throw new InvalidArgumentError(argument, expected, id);
  const [type, fromId, toId, key] = tuple as string[];
  if (!isRelationTypeName(type!) || !fromId || !toId) throw new InvalidArgumentError(argument, expected, id);
  // Only the canonical spelling: one relation, one id.
  const identity = { type, fromId, toId, key: key! };
  if (relationId(identity) !== id) throw new InvalidArgumentError(argument, expected, id);
  return identity;
}
