/**
 * The entity and relation types an editor may choose, read from the public bundle format
 * (schema/source-bundle.schema.json, which tests hold to the model registry): the page names no
 * type of its own, except each type's id prefix, which the format does not state
 * (tests/support/registry-places.ts checks this table against the registry).
 */
import bundleSchema from '../../../schema/source-bundle.schema.json';

export const entityTypeNames: readonly string[] = bundleSchema.definitions.entity.properties.type.enum;
export const relationTypeNames: readonly string[] = bundleSchema.definitions.relation.properties.type.enum;

/** Ids read `<prefix>:<slug>`; the prefix names the type (the registry's idPrefix). */
export const idPrefixes: Record<string, string> = {
  Country: 'country',
  Agency: 'agency',
  Person: 'person',
  Memorandum: 'memorandum',
  ServiceCenter: 'center',
  Training: 'training',
  Award: 'award',
  Event: 'event',
  Statistic: 'statistic',
};

/** The type an id names by its prefix (agency:x is an Agency), or null. */
export function typeOfId(id: string): string | null {
  const prefix = id.slice(0, id.indexOf(':'));
  return Object.entries(idPrefixes).find(([, known]) => known === prefix)?.[0] ?? null;
}

/** A type name from the API's EntityType enum value (SERVICE_CENTER -> ServiceCenter), or null. */
export function typeOfEnumValue(value: string): string | null {
  return entityTypeNames.find((name) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() === value) ?? null;
}

/** ServiceCenter -> "service centre"; the relation types read as words elsewhere (relationLabel). */
export function typeWords(type: string): string {
  return type === 'ServiceCenter' ? 'service centre' : type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A short stable code for a name with no Latin letters (FNV-1a, base 36): the same name always gets the same id. */
function nameCode(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return `n${hash.toString(36)}`;
}

/**
 * A slug for a new entity's id: the name's Latin letters and digits, accents folded (Azerbaijani
 * ə and ı too), joined by hyphens. A name in another script gets a code of itself instead, so two
 * such names never share an id by accident.
 */
export function slugOf(name: string): string {
  const slug = name
    .replace(/ə/g, 'e')
    .replace(/Ə/g, 'E')
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || nameCode(name.trim());
}
