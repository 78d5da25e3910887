/** Paths read as English sentences: each relation as "<from> <phrase> <to>", the entities named in the language asked for. */
import type { EntityRecord, RelationRecord } from './records';
import { relationSpec } from './registry';
import { localizedName } from './names';

export function relationSentence(relation: RelationRecord, names: Map<string, string>): string {
  const phrase = relationSpec(relation.type).phrase(relation.role);
  return `${names.get(relation.fromId) ?? relation.fromId} ${phrase} ${names.get(relation.toId) ?? relation.toId}`;
}

/**
 * "Ülvi Mehdiyev is Chairman at State Agency…; ASAN khedmat centre in Kabul is modelled on State Agency…",
 * each entity named in `language` as Entity.name(lang) falls back.
 */
export function pathExplanation(nodes: EntityRecord[], relations: RelationRecord[], language: string | null = null): string {
  const names = new Map(nodes.map((node) => [node.id, localizedName(node, language)]));
  return `${relations.map((relation) => relationSentence(relation, names)).join('; ')}.`;
}
