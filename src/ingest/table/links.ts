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
import { guessType, mention, resolveRef, resolveTyped } from './refs';
import { cleanName, splitContext } from './resolve';
import { personNamed } from './names';
import { actorRule, linkRulesOf, readGroup, type GroupSubject, type LinkRule } from './rules';
import { at, lineFor, type Resolved, type RowScope } from './state';

export interface Link {
  relation: RelationTypeName;
  from: string;
  to: string;
  role?: string;
  claim?: BundleRelation['claim'];
}

/** Writes the link into the row's bundle unless the model refuses it; returns why it refused, or null. */
export function link(scope: RowScope, { relation, from, to, role, claim }: Link): string | null {
  const why = refusal(scope, relation, from, to);
  if (why === null) {
    scope.builder.relation({ type: relation, from, to, ...(role ? { role } : {}), quotes: [], ...(claim ? { claim } : {}) });
    if (relation === 'SIGNED') signedFor(scope, from, to);
    if (relation === 'PARTY_TO') scope.state.addParty(from, to);
  }
  return why;
}

/**
 * A person signs for the agencies where he holds a position (the graph's HOLDS_POSITION, the
 * curation's): a chairman signing makes his agency a party, cited by the same source, so the
 * memorandum is among that agency's memoranda.
 */
function signedFor(scope: RowScope, person: string, memorandum: string): void {
  for (const agency of scope.state.agenciesOf(person)) {
    if (refusal(scope, 'PARTY_TO', agency, memorandum) !== null) continue;
    mention(scope, agency);
    scope.builder.relation({ type: 'PARTY_TO', from: agency, to: memorandum, quotes: [] });
    scope.state.addParty(agency, memorandum);
  }
}

/** A link an optional column asks for: one the model refuses is a problem at that column, as the column then says something the graph cannot hold. */
function linkColumn(scope: RowScope, column: string, wanted: Link): void {
  const why = link(scope, wanted);
  if (why !== null)
    scope.state.problems.push({
      path: at(scope, column),
      message: `${wanted.from} ${wanted.relation} ${wanted.to} cannot be written: ${why}`,
    });
}

/** Why the model refuses `from -[relation]-> to`, or null when it allows it. */
export function refusal(scope: RowScope, relation: RelationTypeName, from: string, to: string): string | null {
  const typeOf = (id: string) => (id === scope.fact.id ? scope.fact.type : typeOfId(id));
  const fromType = typeOf(from);
  const toType = typeOf(to);
  if (!fromType || !toType) return `'${fromType ? to : from}' names no entity type`;
  if (relationAllowed(relation, fromType, toType)) return null;
  const spec = relationSpec(relation);
  const allowed = spec.from.includes(fromType) ? `it ends at ${anyOf(spec.to)}` : `it starts at ${anyOf(spec.from)}`;
  return `the model has no ${relation} from ${aOrAn(fromType)} to ${aOrAn(toType)} (${allowed})`;
}

export function aOrAn(type: string): string {
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
  const refs =
    scope.curated.actors ??
    scope.row.subject
      // A ';' inside a bracket is the context's, not a second actor's.
      .split(/;(?![^()]*\))/)
      .map((name) => name.trim())
      .filter(Boolean);
  return refs.map((actor) => (typeof actor === 'string' ? { ref: actor } : actor));
}

/** An actor's curated relation, written as in the curation file: '<REL' runs from the fact. */
function curatedForm(rule: LinkRule): string {
  return rule.direction === 'out' ? `<${rule.relation}` : rule.relation;
}

export function linkActors(scope: RowScope, actors: readonly CuratedActor[]): void {
  for (const actor of actors) {
    // A group of people in the subject column is placed by its leader and owner, never made an agency (rules.ts readGroup).
    if (!scope.curated.actors && placeGroup(scope, actor.ref)) continue;
    const resolved = resolveRef(scope, actor.ref, 'subject');
    if (!resolved) continue;
    if (actor.relation) linkCuratedActor(scope, resolved, actor.relation, actor.role);
    else linkByRule(scope, actorRule(scope.fact.type, resolved.type), resolved, 'actor', actor.role);
  }
}

/**
 * A subject naming a group of people ("Somali delegation led by Ahmed Isse"): its leader is a
 * person taking part as "head of delegation", its owner (an agency or country the graph knows,
 * e.g. "State Agency specialists") takes part as the group, else the row's country does, in the
 * subject's words. A group with none of these is reported unplaced. False when the name is no group.
 */
function placeGroup(scope: RowScope, written: string): boolean {
  const { state, row } = scope;
  // "ASAN Service (visit of the Kenyan delegation)" is the State Agency: a bracket is context.
  const name = splitContext(written).name;
  const isPerson = (text: string) => {
    const known = state.resolver.resolve(text, ['Person', 'Agency', 'Country']);
    return known.status === 'matched' ? known.entity.type === 'Person' : guessType(cleanName(text), state.personWords) === 'Person';
  };
  const group = readGroup(name, isPerson);
  if (!group) return false;
  let placed = group.leader ? placeLeader(scope, group, name) : false;
  const owned = group.owner ? state.resolver.resolve(group.owner, ['Agency', 'Country']) : null;
  if (owned?.status === 'matched') {
    // The owner as written ("Somali") is how the group is named, not a name of the country: no alias.
    mention(scope, owned.entity.id);
    linkByRule(scope, actorRule(scope.fact.type, owned.entity.type), owned.entity, 'actor', group.word);
    placed = true;
  } else if (/^[A-Z]{2}$/.test(row.country) && row.country !== 'UN') {
    // "Somali delegation" in a row about Somalia: the country is the delegation's.
    linkByRule(scope, actorRule(scope.fact.type, 'Country'), { id: `country:${row.country}`, type: 'Country' }, 'actor', group.group);
    placed = true;
  }
  if (!placed)
    state.addUnplaced({
      row: row.row,
      factId: row.factId,
      column: 'subject',
      name,
      note: 'a group of people with no named leader, known organisation or country',
    });
  return true;
}

/**
 * The group's leader, a person taking part as "head of <group>". A post written before his name
 * ("led by deputy head of the Ministry of Labour Abdirahman Mohamed Sheikh Hassan") is kept in
 * the role; the name is read by names.ts, whatever its tradition. Reported under `extracted`.
 */
function placeLeader(scope: RowScope, group: GroupSubject, subject: string): boolean {
  const { state, row } = scope;
  const written = group.leader!;
  const known = state.resolver.resolve(written, ['Person']);
  const named = known.status === 'matched' ? { name: written, post: null } : personNamed(written, state.personWords, true);
  if (!named) {
    state.addUnplaced({
      row: row.row,
      factId: row.factId,
      column: 'subject',
      name: written,
      note: `leader of '${subject}': not a person's name`,
    });
    return false;
  }
  const leader = resolveTyped(scope, named.name, 'subject', ['Person'], 'Person');
  if (!leader) return false;
  const role = named.post ? `head of ${group.word} (${named.post})` : `head of ${group.word}`;
  const rule = actorRule(scope.fact.type, 'Person');
  linkByRule(scope, rule, leader, 'actor', role);
  if (rule && named.name !== written.trim()) {
    const [from, to] = rule.direction === 'out' ? [scope.fact.id, leader.id] : [leader.id, scope.fact.id];
    state.addExtracted({
      row: row.row,
      factId: row.factId,
      column: 'subject',
      phrase: `led by ${written}`,
      statement: `${from} ${rule.relation} ${to} (${role})`,
      note: state.createdIds.has(leader.id) ? 'created' : 'matched',
    });
  }
  return true;
}

/**
 * The optional entity columns (parse.ts RowLinks): parties and signatories of a memorandum (a
 * signatory's organisation, 'Name (Organisation)', is a party too), the counterpart agency
 * (created when unknown, based in the row's country), the memorandum the fact was held under,
 * and the training's provider. A value of the wrong type, or a link the model refuses, is a
 * problem at its row and column.
 */
export function linkColumns(scope: RowScope): void {
  const links = scope.row.links;
  if (!links) return;
  const fact = scope.fact.id;
  for (const name of links.parties ?? []) {
    const party = resolveTyped(scope, name, 'parties', ['Agency', 'Country'], 'Agency');
    if (party) linkColumn(scope, 'parties', { relation: 'PARTY_TO', from: party.id, to: fact });
  }
  for (const text of links.signatories ?? []) {
    const { person, organisation } = splitSignatory(scope, text);
    const signer = resolveTyped(scope, person, 'signatories', ['Person'], 'Person');
    if (!signer) continue;
    linkColumn(scope, 'signatories', { relation: 'SIGNED', from: signer.id, to: fact });
    const party = organisation ? resolveTyped(scope, organisation, 'signatories', ['Agency'], 'Agency') : null;
    if (party) linkColumn(scope, 'signatories', { relation: 'PARTY_TO', from: party.id, to: fact });
  }
  if (links.counterpartAgency) {
    const rule = linkRulesOf(scope.fact.type).counterpart;
    const agency = resolveTyped(scope, links.counterpartAgency, 'counterpart_agency', ['Agency'], 'Agency');
    if (agency && !rule)
      scope.state.problems.push({ path: at(scope, 'counterpart_agency'), message: `${aOrAn(scope.fact.type)} has no counterpart agency` });
    if (agency && rule) {
      // An agency this import introduces (here or in another column) is the partner side's: based in the row's country.
      if (scope.state.createdIds.has(agency.id) && /^[A-Z]{2}$/.test(scope.row.country) && scope.row.country !== 'UN') {
        scope.builder.relation({ type: 'BASED_IN', from: agency.id, to: `country:${scope.row.country}`, quotes: [] });
      }
      const [from, to] = rule.direction === 'out' ? [fact, agency.id] : [agency.id, fact];
      linkColumn(scope, 'counterpart_agency', { relation: rule.relation, from, to, ...(rule.role ? { role: rule.role } : {}) });
    }
  }
  if (links.under) {
    const rule = linkRulesOf(scope.fact.type).under;
    const memorandum = resolveTyped(scope, links.under, 'under', ['Memorandum']);
    if (memorandum && !rule)
      scope.state.problems.push({
        path: at(scope, 'under'),
        message: `${aOrAn(scope.fact.type)} is not held under a memorandum (only a Training, an Event or a ServiceCenter)`,
      });
    if (memorandum && rule) linkColumn(scope, 'under', { relation: rule.relation, from: fact, to: memorandum.id });
  }
  for (const name of links.provider ?? []) {
    const provider = resolveTyped(
      scope,
      name,
      'provider',
      ['Agency', 'Person', 'Country'],
      guessType(cleanName(name), scope.state.personWords),
    );
    if (provider) linkColumn(scope, 'provider', { relation: 'PROVIDED_BY', from: fact, to: provider.id });
  }
}

/**
 * 'Ulvi Mehdiyev (State Agency)': the person and the organisation he signed for. A bracket
 * that is no organisation ('(chairman)') is a remark, left to the name resolver.
 */
function splitSignatory(scope: RowScope, text: string): { person: string; organisation: string | null } {
  const match = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(text.trim());
  if (!match) return { person: text, organisation: null };
  const [, person, bracket] = match as unknown as [string, string, string];
  const isOrganisation =
    bracket.startsWith('agency:') ||
    scope.state.resolver.resolve(bracket, ['Agency']).status === 'matched' ||
    (guessType(bracket, scope.state.personWords) === 'Agency' && bracket.trim().split(/\s+/).length > 1);
  return isOrganisation ? { person, organisation: bracket } : { person: text, organisation: null };
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
export function linkModel(scope: RowScope, actors: readonly CuratedActor[], providerExtracted = false): void {
  const modelRef = scope.state.curation.model;
  if (!modelRef || scope.curated.statesModel === false) return;
  // Resolved on every row, whatever its type: every source of the table cites the model agency.
  const model = resolveRef(scope, modelRef, 'subject');
  const rule = linkRulesOf(scope.fact.type).model;
  if (!model || !rule) return;
  if (rule.unlessCurated && actors.some((actor) => actor.relation === curatedForm(rule))) return;
  // A provider column (or the row's text: "hosted by ...") names who gave the training: the model agency is not presumed then.
  if (rule.relation === 'PROVIDED_BY' && (scope.row.links?.provider || providerExtracted)) return;
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
    const linked =
      isRelationTypeName(type) &&
      link(scope, {
        relation: type,
        from: from.id,
        to: to.id,
        ...(relation.role !== undefined ? { role: relation.role } : {}),
        ...(claim ? { claim } : {}),
      }) === null;
    if (!linked)
      scope.state.problems.push({
        path: at(scope, 'subject'),
        message: `curated relation ${relation.from} ${relation.type} ${relation.to} is not allowed between a ${from.type} and a ${to.type}`,
      });
  }
}
