/**
 * The columns of an entity and of a relation, shared by the tabular and graph formats (CSV
 * columns, GraphML keys, GEXF attributes), derived from the model registry so a new attribute
 * is exported without touching a writer. Values keep what the source said: a date stays at its
 * precision (with a `_precision` column beside it), a quantity keeps its qualifier ("more than
 * 100 representatives", beside its value, qualifier and unit).
 */
import { entitySpec, entityTypeNames, type AttributeSpec } from '../../../core/model/registry';
import type { CitationRecord, EntityRecord, RelationRecord } from '../../../core/model/records';
import { localizedName } from '../../../core/model/names';
import { parsePartialDate, type QuantityValue } from '../../../core/model/values';

export type FieldValue = string | number | boolean | null;

export interface Field<T> {
  name: string;
  /** How graph formats declare it (GraphML attr.type, GEXF type). */
  type: 'string' | 'double' | 'boolean';
  value(record: T): FieldValue;
}

/** Lists inside one cell (aliases, topics, source ids) are joined with this. */
export const listSeparator = ' | ';

const precisionOf = (iso: string | null | undefined): string | null => (iso ? (parsePartialDate(iso)?.precision ?? null) : null);

/** The date an entity is about (signed, opened, date, asOf), as stored: ISO text at its precision. */
export function entityDate(entity: EntityRecord): string | null {
  const attribute = entitySpec(entity.type).dated?.attribute;
  const value = attribute ? (entity.attributes as Record<string, unknown>)[attribute] : undefined;
  return typeof value === 'string' ? value : null;
}

function attributeFields(name: string, spec: AttributeSpec): Field<EntityRecord>[] {
  const raw = (entity: EntityRecord) => (entity.attributes as Record<string, unknown>)[name];
  switch (spec.kind) {
    case 'partialDate':
      return [
        { name, type: 'string', value: (e) => (raw(e) as string | undefined) ?? null },
        { name: `${name}_precision`, type: 'string', value: (e) => precisionOf(raw(e) as string | undefined) },
      ];
    case 'quantity': {
      const quantity = (e: EntityRecord) => raw(e) as QuantityValue | undefined;
      return [
        { name, type: 'string', value: (e) => quantity(e)?.text ?? null },
        { name: `${name}_value`, type: 'double', value: (e) => quantity(e)?.value ?? null },
        { name: `${name}_qualifier`, type: 'string', value: (e) => quantity(e)?.qualifier ?? null },
        { name: `${name}_unit`, type: 'string', value: (e) => quantity(e)?.unit ?? null },
      ];
    }
    case 'texts':
      return [{ name, type: 'string', value: (e) => ((raw(e) as string[] | undefined) ?? []).join(listSeparator) || null }];
    case 'officialNames':
      return [{ name, type: 'string', value: (e) => (raw(e) === undefined ? null : JSON.stringify(raw(e))) }];
    default:
      return [{ name, type: 'string', value: (e) => (raw(e) as string | undefined) ?? null }];
  }
}

/** Every type's attributes once, in registry order (a name two types share is one column). */
function allAttributeFields(): Field<EntityRecord>[] {
  const seen = new Set<string>();
  const fields: Field<EntityRecord>[] = [];
  for (const type of entityTypeNames) {
    for (const [name, spec] of Object.entries(entitySpec(type).attributes)) {
      if (seen.has(name)) continue;
      seen.add(name);
      fields.push(...attributeFields(name, spec));
    }
  }
  return fields;
}

/** An entity's columns after its id; `language` names the column of its name in that language. */
export function entityFields(language: string): Field<EntityRecord>[] {
  return [
    { name: 'type', type: 'string', value: (e) => e.type },
    { name: 'name', type: 'string', value: (e) => e.name },
    { name: `name_${language}`, type: 'string', value: (e) => e.names.find((n) => n.language === language)?.name ?? null },
    { name: 'aliases', type: 'string', value: (e) => e.aliases.join(listSeparator) || null },
    { name: 'description', type: 'string', value: (e) => e.description },
    { name: 'when', type: 'string', value: (e) => entityDate(e) },
    { name: 'when_precision', type: 'string', value: (e) => precisionOf(entityDate(e)) },
    ...allAttributeFields(),
    { name: 'sources', type: 'string', value: (e) => [...new Set(e.citations.map((c) => c.sourceId))].join(listSeparator) || null },
  ];
}

/** The label graph tools show for an entity: its name in `language` when known, else its canonical name. */
export const entityLabel = (entity: EntityRecord, language: string): string => localizedName(entity, language);

/** One citation as graph formats and JSON lines carry it. */
export function citationJson(
  citation: CitationRecord,
  language: string,
): { source: string; quote: string | null; quoteTranslation: string | null; note: string | null } {
  return {
    source: citation.sourceId,
    quote: citation.quote,
    quoteTranslation: citation.quoteTranslations?.[language] ?? null,
    note: citation.note,
  };
}

/** A relation's columns after its id, from-end and to-end. */
export function relationFields(language: string): Field<RelationRecord>[] {
  return [
    { name: 'type', type: 'string', value: (r) => r.type },
    { name: 'role', type: 'string', value: (r) => r.role },
    { name: 'start', type: 'string', value: (r) => r.start },
    { name: 'start_precision', type: 'string', value: (r) => precisionOf(r.start) },
    { name: 'end', type: 'string', value: (r) => r.end },
    { name: 'end_precision', type: 'string', value: (r) => precisionOf(r.end) },
    { name: 'disputed', type: 'boolean', value: (r) => r.disputed },
    { name: 'sources', type: 'string', value: (r) => [...new Set(r.citations.map((c) => c.sourceId))].join(listSeparator) || null },
    { name: 'citations', type: 'string', value: (r) => JSON.stringify(r.citations.map((c) => citationJson(c, language))) },
  ];
}
