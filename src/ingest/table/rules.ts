/**
 * The table import's rules, in one table: which entity each fact_type becomes (with the kind
 * and label it gives), and how that fact entity is linked to what its row names: the actors of
 * the subject column, the countries, an international organisation (UN/INT rows) and the
 * curation's model agency. Everything about the entity types themselves (id prefixes, date
 * attributes, which relation may join which types) is the model registry's, not this file's.
 *
 * A rule may propose a link the model refuses (an organisation PARTICIPATED_IN a centre); such
 * links are not written and the import reports them (see links.ts).
 */
import { entitySpec, type EntityTypeName, type RelationTypeName } from '../../core/model/registry';
import { factTypes, type FactType } from './parse';

/** How the fact is linked to another entity of its row. */
export interface LinkRule {
  relation: RelationTypeName;
  /** 'out': fact -[relation]-> entity; 'in': entity -[relation]-> fact. */
  direction: 'out' | 'in';
  role?: string;
  /** With no curated role, the role is the row's subject column (who was trained, in the table's words). */
  roleFromSubject?: boolean;
}

/** The model agency's link, which a row may replace by curating an actor with the same relation. */
export interface ModelLinkRule extends LinkRule {
  unlessCurated?: boolean;
}

export interface FactRule {
  /** The table's fact types that make this entity, with the default kind and the label of each. */
  rows: Partial<Record<FactType, { kind?: string; label: string }>>;
  /** Per actor type; `other` for types not named. No rule: the actor is cited but not linked. */
  actor: Partial<Record<EntityTypeName | 'other', LinkRule>>;
  country: LinkRule;
  organisation: LinkRule;
  /** The counterpart_agency column's agency; no rule: the column is a problem on such rows. */
  counterpart?: LinkRule;
  /** The under column's memorandum; no rule: the column is a problem on such rows. */
  under?: LinkRule;
  model?: ModelLinkRule;
  /** What a phrase of the row's text links (extract.ts): "signed by X", "MoU with Y", "led by Z"... No rule: read, reported, not written. */
  extracted?: Partial<Record<Cue, LinkRule>>;
}

/** What a phrase of free text says someone is: a party ("MoU with"), a signatory, a head of delegation, a host, a provider, or the memorandum something was under. */
export type Cue = 'party' | 'signatory' | 'head' | 'host' | 'provider' | 'under';

const out = (relation: RelationTypeName, role?: string): LinkRule => ({ relation, direction: 'out', ...(role ? { role } : {}) });
const into = (relation: RelationTypeName, role?: string): LinkRule => ({ relation, direction: 'in', ...(role ? { role } : {}) });

export type FactEntityType = 'Memorandum' | 'ServiceCenter' | 'Training' | 'Award' | 'Event' | 'Statistic';

export const factRules: Record<FactEntityType, FactRule> = {
  Memorandum: {
    rows: { MEMORANDUM: { kind: 'MOU', label: 'Memorandum of understanding' }, AGREEMENT: { kind: 'AGREEMENT', label: 'Agreement' } },
    actor: { Person: into('SIGNED'), other: into('PARTY_TO') },
    country: into('PARTY_TO'),
    organisation: into('PARTY_TO'),
    counterpart: into('PARTY_TO'),
    extracted: { party: into('PARTY_TO'), signatory: into('SIGNED') },
  },
  ServiceCenter: {
    rows: { CENTRE_OPENED: { label: 'Public service centre' } },
    // A person or an award named as a centre's actor has no place in the model: reported.
    actor: { Agency: out('OPERATED_BY'), Country: out('LOCATED_IN') },
    country: out('LOCATED_IN'),
    organisation: into('PARTICIPATED_IN', 'partner organisation'),
    counterpart: out('OPERATED_BY'),
    under: out('ESTABLISHED_UNDER'),
    model: out('MODELLED_ON'),
    extracted: { host: out('OPERATED_BY'), under: out('ESTABLISHED_UNDER') },
  },
  Training: {
    rows: { TRAINING: { label: 'Training' } },
    actor: { other: { ...out('TRAINED'), roleFromSubject: true } },
    country: out('TRAINED', 'partner country'),
    organisation: into('PARTICIPATED_IN', 'partner organisation'),
    counterpart: out('TRAINED', 'counterpart'),
    under: out('UNDER'),
    model: { ...out('PROVIDED_BY'), unlessCurated: true },
    extracted: { head: out('TRAINED', 'head of delegation'), host: out('PROVIDED_BY'), provider: out('PROVIDED_BY'), under: out('UNDER') },
  },
  Award: {
    rows: { AWARD: { label: 'Award' } },
    actor: { other: into('RECEIVED') },
    country: out('CONFERRED_BY'),
    organisation: out('CONFERRED_BY'),
  },
  Event: {
    rows: {
      MEMBERSHIP: { kind: 'SIGNING', label: 'Membership' },
      MEETING: { kind: 'MEETING', label: 'Meeting' },
      CREDENTIALS: { kind: 'CREDENTIALS', label: 'Presentation of credentials' },
    },
    actor: { other: into('PARTICIPATED_IN') },
    country: into('PARTICIPATED_IN', 'partner country'),
    organisation: into('PARTICIPATED_IN', 'partner organisation'),
    counterpart: into('PARTICIPATED_IN', 'counterpart'),
    under: out('UNDER'),
    extracted: { head: into('PARTICIPATED_IN', 'head of delegation'), host: into('PARTICIPATED_IN', 'host'), under: out('UNDER') },
  },
  Statistic: {
    rows: { STATISTIC: { label: 'Statistic' } },
    actor: { other: out('MEASURES') },
    country: out('MEASURES'),
    organisation: out('MEASURES'),
  },
};

interface RowRule {
  entityType: FactEntityType;
  kind?: string;
  label: string;
}

/** factRules read by fact_type; built once, and it fails at load when a fact_type has no rule or two. */
const rowRules = new Map<FactType, RowRule>();
for (const [entityType, rule] of Object.entries(factRules) as [FactEntityType, FactRule][]) {
  for (const [factType, row] of Object.entries(rule.rows) as [FactType, { kind?: string; label: string }][]) {
    if (rowRules.has(factType)) throw new Error(`fact_type ${factType} has two rules`);
    rowRules.set(factType, { entityType, ...row });
  }
}
for (const factType of factTypes) if (!rowRules.has(factType)) throw new Error(`fact_type ${factType} has no rule`);

function rowRule(factType: FactType): RowRule {
  return rowRules.get(factType)!;
}

/** The entity type a fact_type makes unless the curation says otherwise. */
export function entityTypeOf(factType: FactType): FactEntityType {
  return rowRule(factType).entityType;
}

/** How a fact_type is written in generated names ("Meeting: ..."). */
export function labelOf(factType: FactType): string {
  return rowRule(factType).label;
}

/** Types whose facts carry a kind: the dated ones with a kind enum (memoranda, events). */
export function hasKind(type: EntityTypeName): boolean {
  const spec = entitySpec(type);
  return spec.dated !== undefined && spec.kinds !== undefined;
}

/** The kind a row's fact gets when its curation names none: its fact_type's, else OTHER; undefined for types without kinds. */
export function defaultKind(factType: FactType, type: EntityTypeName): string | undefined {
  return hasKind(type) ? (rowRule(factType).kind ?? 'OTHER') : undefined;
}

/** The link rules of a fact entity type; a curated type that is no fact (an Agency) links like an event, as it always has. */
export function linkRulesOf(type: EntityTypeName): FactRule {
  return Object.hasOwn(factRules, type) ? factRules[type as FactEntityType] : factRules.Event;
}

/** How an actor of `actorType` is linked to a fact of `factType`, or undefined when no rule links them. */
export function actorRule(factType: EntityTypeName, actorType: EntityTypeName): LinkRule | undefined {
  const rules = linkRulesOf(factType).actor;
  return rules[actorType] ?? rules.other;
}

/** Where a row's date goes, at its precision: the type's dated attribute (Memorandum.signed, Award.date...), also the property it is claimed under. */
export function dateAttributeOf(type: EntityTypeName): string {
  return entitySpec(type).dated?.attribute ?? 'date';
}

/**
 * A subject that names a group of people ("Somali delegation led by Ahmed Isse", "State Agency
 * specialists", "Ulvi Mehdiyev and delegation") is no agency: these words say so.
 */
export const groupWords =
  /\b(delegation|delegates|specialists|experts|team|officials|staff|civil servants|participants|members|representatives)\b/i;

/** A group subject read into its parts; each may be null. */
export interface GroupSubject {
  /** The person leading it ("led by X", "X and delegation", "X delegation"). */
  leader: string | null;
  /** Whose group it is, as written ("State Agency", "Somali"): resolved to an agency or country if it can be. */
  owner: string | null;
  /** The group in the subject's words without its leader ("Somali delegation"). */
  group: string;
  /** The group word itself ("delegation"): the owner's role, and the leader's is "head of <word>". */
  word: string;
}

const ledBy = /^(.*?)[\s,]*\bled by\s+(.+)$/i;
const leaderAnd = /^(.+?)\s+(?:and|with)\s+(?:(?:his|her|a|the)\s+)?(delegation|team)$/i;
const leaderGroup = /^(.+?)\s+(delegation|team)$/i;

/** Reads a group subject, or null when the name is not one (no group word). `isPerson` tells a leader from an owner in "X delegation". */
export function readGroup(name: string, isPerson: (text: string) => boolean): GroupSubject | null {
  const word = groupWords.exec(name)?.[1]?.toLowerCase();
  if (!word) return null;
  let leader: string | null = null;
  let group = name.trim();
  const led = ledBy.exec(group);
  const and = leaderAnd.exec(group);
  const bare = leaderGroup.exec(group);
  if (led) [group, leader] = [led[1]!.trim(), led[2]!.trim()];
  else if (and) [leader, group] = [and[1]!.trim(), and[2]!];
  else if (bare && isPerson(bare[1]!)) [leader, group] = [bare[1]!.trim(), bare[2]!];
  const owner = group
    .replace(new RegExp(groupWords.source, 'gi'), ' ')
    .replace(/\b(?:of|from|the|and|with|a)\b/gi, ' ')
    .replace(/['\u2019]s\b/g, '')
    .replace(/['"\u2018\u2019]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { leader, owner: owner || null, group: group || word, word };
}
