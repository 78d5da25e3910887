/**
 * What a cached answer is filed under, and the HTTP validators built from it. An answer is a
 * function of the document, its variables, the operation chosen, the caller's role and the data
 * (the dataset counter): the key holds the first four as one SHA-256, and the counter beside it.
 * Accept-Language is not in it: no answer reads it (languages are arguments, `name(lang:)`).
 */
import { createHash } from 'node:crypto';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { canonicalJson } from '../../../core/model/canonical-json';

export interface KeyParts {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The caller's role, `anonymous` without a token. */
  role: string;
}

/** The hex SHA-256 of the parts, each length-prefixed so no two lists of parts read the same. */
export function requestKey(parts: KeyParts): string {
  const fields = [parts.query, parts.operationName ?? '', canonicalJson(parts.variables), parts.role];
  const hash = createHash('sha256');
  for (const field of fields) hash.update(`${Buffer.byteLength(field)}:`).update(field);
  return hash.digest('hex');
}

/**
 * The entity tag of an answer: weak (W/), since the body's extensions (its cost) may be computed
 * again, while the data is the same for the same counter and request key.
 */
export function entityTag(counter: number, key: string): string {
  return `W/"${counter}-${key.slice(0, 32)}"`;
}

/** True when an If-None-Match header names `tag` (weak comparison, RFC 9110 13.1.2) or is `*`. */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}

const uncachedByDocument = new WeakMap<DocumentNode, boolean>();

/**
 * True when the document selects a field the schema marks `@uncached` (its answer depends on
 * the caller beyond the role, or on the time), anywhere, fragments included. Remembered per
 * parsed document: Apollo hands the same DocumentNode for the same text.
 */
export function selectsUncachedField(schema: GraphQLSchema, document: DocumentNode): boolean {
  const known = uncachedByDocument.get(document);
  if (known !== undefined) return known;
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.astNode?.directives?.some((directive) => directive.name.value === 'uncached')) found = true;
      },
    }),
  );
  uncachedByDocument.set(document, found);
  return found;
}
