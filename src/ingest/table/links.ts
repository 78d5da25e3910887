/**
 * The fact's relations: to the actors of the subject column, the countries and organisation
 * the row names and the curation's model agency (all by factRules, rules.ts), and the relations
 * the curation states. Nothing is dropped silently: a default link that no rule covers or that
 * the model refuses is reported under `refused`; a curated one the model refuses is a problem,
 * as the curation then says something the graph cannot hold.
 */
import { relationAllowed, relationSpec, isRelationTypeName, typeOfId, type RelationTypeName } from '../../core/model/registry';
import type { BundleRelation } from '../bundle';
import type { CuratedActor } from './curation';
import { resolveRef } from './refs';
import { actorRule, linkRulesOf, type LinkRule } from './rules';
import { at, lineFor, type Resolved, type RowScope } from './state';

interface Link {
  relation: RelationTypeName;
  from: string;
  to: string;
  role?: string;
  claim?: BundleRelation['claim'];
}

/** Writes the link into the row's bundle unless the model refuses it; returns why it refused, or null. */
function link(scope: RowScope, { relation, from, to, role, claim }: Link): string | null {
  const why = refusal(scope, relation, from, to);
  if (why === null) scope.builder.relation({ type: relation, from, to, ...(role ? { role } : {}), quotes: [], ...(claim ? { claim } : {}) });
  return why;
}

/** Why the model refuses `from -[relation]-> to`, or null when it allows it. */
function refusal(scope: RowScope, relation: RelationTypeName, from: string, to: string): string | null {
  const typeOf = (id: string) => (id === scope.fact.id ? scope.fact.type : typeOfId(id));
  const fromType = typeOf(from);
  const toType = typeOf(to);
  if (!fromType || !toType) return `'${fromType ? to : from}' names no entity type`;
  if (relationAllowed(relation, fromType, toType)) return null;
  const spec = relationSpec(relation);
  const allowed = spec.from.includes(fromType) ? `it ends at ${anyOf(spec.to)}` : `it starts at ${anyOf(spec.from)}`;
  return `the model has no ${relation} from ${aOrAn(fromType)} to ${aOrAn(toType)} (${allowed})`;
}

function aOrAn(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}

function anyOf(types: readonly string[]): string {
  return types.map(aOrAn).join(' or ');
}

/** Links the fact to `other` as `rule` says, or reports why not. `what` names the row's part `other` came from. */
function linkByRule(scope: RowScope, rule: LinkRule | undefined, other: Resolved, what: string, curatedRole?: string): void {
  if (!rule) return refuse(scope, other, `no rule links ${aOrAn(other.type)} ${what} to ${aOrAn(scope.fact.type)}`);
  const [from, to] = rule.direction === 'out' ? [scope.fact.id, other.id] : [other.id, scope.fact.id];
  const role = curatedRole ?? (rule.roleFromSubject ? scope.row.subject : rule.role);
  const why = link(scope, { relation: rule.relation, from, to, ...(role !== undefined ? { role } : {}) });
  if (why !== null) refuse(scope, other, `${from} ${rule.relation} ${to} not written: ${why}`);
}

function refuse(scope: RowScope, other: Resolved, note: string): void {
  const name = scope.state.resolver.get(other.id)?.name ?? other.id;
  scope.state.addToReport('refused', lineFor(scope, { ...other, name }, note), `${scope.fact.id}|${other.id}|${note}`);
}

/** The row's actors: the curated list, else the subject column's names (split on ';'). */
export function actorsOf(scope: RowScope): CuratedActor[] {
  const refs = scope.curated.actors ?? scope.row.subject.split(';').map((name) => name.trim()).filter(Boolean);
  return refs.map((actor) => (typeof actor === 'string' ? { ref: actor } : actor));
}

/** An actor's curated relation, written as in the curation file: '<REL' runs from the fact. */
function curatedForm(rule: LinkRule): string {
  return rule.direction === 'out' ? `<${rule.relation}` : rule.relation;
}

export function linkActors(scope: RowScope, actors: readonly CuratedActor[]): void {
  for (const actor of actors) {
    const resolved = resolveRef(scope, actor.ref, 'subject');
    if (!resolved) continue;
    if (actor.relation) linkCuratedActor(scope, resolved, actor.relation, actor.role);
    else linkByRule(scope, actorRule(scope.fact.type, resolved.type), resolved, 'actor', actor.role);
  }
}

function linkCuratedActor(scope: RowScope, actor: Resolved, curatedRelation: string, role: string | undefined): void {
  const fact = scope.fact.id;
  const [from, to] = curatedRelation.startsWith('<') ? [fact, actor.id] : [actor.id, fact];
  const relation = curatedRelation.replace(/^</, '');
  if (isRelationTypeName(relation) && link(scope, { relation, from, to, ...(role !== undefined ? { role } : {}) }) === null) return;
  scope.state.problems.push({ path: at(scope, 'subject'), message: `cannot link ${actor.id} to ${fact} with ${curatedRelation}` });
}

/**
 * Links the countries the row names. A fact the graph already holds keeps its own country
 * links: its party may be an agency based there, and a second, direct link would say more.
 */
export function linkCountries(scope: RowScope, codes: readonly string[], factIsKnown: boolean): void {
  const known = factIsKnown ? (scope.state.knownFacts.find((fact) => fact.id === scope.fact.id)?.countries ?? []) : [];
  const rule = linkRulesOf(scope.fact.type).country;
  for (const code of codes) if (!known.includes(code)) linkByRule(scope, rule, { id: `country:${code}`, type: 'Country' }, 'country');
}

export function linkOrganisation(scope: RowScope, organisation: Resolved | null): void {
  if (organisation) linkByRule(scope, linkRulesOf(scope.fact.type).organisation, organisation, 'organisation');
}

/** Links the curation's model agency where the rules say, unless the row curates that link itself or its source does not state the model. */
export function linkModel(scope: RowScope, actors: readonly CuratedActor[]): void {
  const modelRef = scope.state.curation.model;
  if (!modelRef || scope.curated.statesModel === false) return;
  // Resolved on every row, whatever its type: every source of the table cites the model agency.
  const model = resolveRef(scope, modelRef, 'subject');
  const rule = linkRulesOf(scope.fact.type).model;
  if (!model || !rule) return;
  if (rule.unlessCurated && actors.some((actor) => actor.relation === curatedForm(rule))) return;
  linkByRule(scope, rule, model, 'model');
}

/** The relations the curation states for the row; one the model refuses is a problem. */
export function addCuratedRelations(scope: RowScope): void {
  for (const relation of scope.curated.relations ?? []) {
    const from = resolveRef(scope, relation.from, 'subject');
    const to = resolveRef(scope, relation.to, 'subject');
    if (!from || !to) continue;
    const claim = relation.claim && {
      subject: relation.claim.subject ? (resolveRef(scope, relation.claim.subject, 'subject')?.id ?? scope.fact.id) : scope.fact.id,
      property: relation.claim.property,
      value: relation.claim.value,
    };
    const type = relation.type;
    const linked = isRelationTypeName(type) && link(scope, { relation: type, from: from.id, to: to.id, ...(relation.role !== undefined ? { role: relation.role } : {}), ...(claim ? { claim } : {}) }) === null;
    if (!linked) scope.state.problems.push({ path: at(scope, 'subject'), message: `curated relation ${relation.from} ${relation.type} ${relation.to} is not allowed between a ${from.type} and a ${to.type}` });
  }
}
