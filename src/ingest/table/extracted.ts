/**
 * The links a row's free text states (extract.ts), written with the relation rules.ts gives each
 * phrase for the row's fact (`extracted`), each cited by the row's source like the row's other
 * statements, and each reported under `extracted` with the phrase it came from so a curator can
 * review it. A row whose curation names its actors or relations has been read by a curator: its
 * text is not read again. A column filled for the same link (parties, signatories, under,
 * provider) wins over the text.
 */
import type { EntityTypeName, RelationTypeName } from '../../core/model/registry';
import { extractFromText, type Extraction } from './extract';
import { link } from './links';
import { organisationWords, personNamed } from './names';
import { mention, resolveFromText } from './refs';
import { linkRulesOf, type Cue, type LinkRule } from './rules';
import type { FactRow } from './parse';
import type { KnownFact, Resolved, RowScope } from './state';

/** Reads the row's object text and writes what it states; true when it named who provided the training. */
export function linkExtracted(scope: RowScope): boolean {
  const { row, curated, state } = scope;
  if (curated.actors || curated.relations || !row.object) return false;
  const rules = linkRulesOf(scope.fact.type).extracted ?? {};
  let provided = false;
  for (const extraction of extractFromText(row.object, state.personWords)) {
    const rule = rules[extraction.cue];
    if (!rule || columnFor(row, extraction.cue)) continue;
    const written = extraction.cue === 'under' ? linkUnder(scope, extraction, rule) : linkNamed(scope, extraction, rule);
    if (written && rule.relation === 'PROVIDED_BY') provided = true;
  }
  return provided;
}

/** The optional column that states the same link, when the row fills it. */
function columnFor(row: FactRow, cue: Cue): boolean {
  const links = row.links ?? {};
  const columns: Record<Cue, unknown> = {
    party: links.parties,
    signatory: links.signatories,
    head: undefined,
    host: links.provider,
    provider: links.provider,
    under: links.under,
  };
  return columns[cue] !== undefined;
}

/** The entity types a phrase's name may be, for the relation it becomes. */
function typesFor(extraction: Extraction, relation: RelationTypeName): EntityTypeName[] {
  if (extraction.expects === 'Person') return ['Person'];
  if (relation === 'OPERATED_BY') return ['Agency'];
  return extraction.expects === 'Organisation' ? ['Agency', 'Country'] : ['Agency', 'Person', 'Country'];
}

function report(scope: RowScope, extraction: Extraction, statement: string, note: string): void {
  const { row, state } = scope;
  state.addExtracted({ row: row.row, factId: row.factId, column: 'object', phrase: extraction.phrase, statement, note });
}

const statementOf = (relation: string, from: string, to: string, role?: string) => `${from} ${relation} ${to}${role ? ` (${role})` : ''}`;

/** A person, party, host or provider the text names: resolved or created, linked by the rule, reported. */
function linkNamed(scope: RowScope, extraction: Extraction, rule: LinkRule): boolean {
  const { state } = scope;
  let linked = false;
  for (const written of namesIn(scope, extraction, rule)) {
    // A host or provider may be a person with a post ("hosted by Minister X"): the name without the post.
    const person = extraction.expects === 'Actor' ? personNamed(written, state.personWords) : null;
    const name = person?.name ?? written;
    const createAs = extraction.expects === 'Person' || person ? 'Person' : 'Agency';
    const found = resolveFromText(scope, name, typesFor(extraction, rule.relation), createAs);
    if ('why' in found) {
      report(scope, extraction, `'${name}' not linked`, found.why);
      continue;
    }
    const { resolved, how, created } = found;
    if (extraction.cue === 'party' && created && resolved.type === 'Agency') basedInRowCountry(scope, resolved.id);
    const position = extraction.signedFor ? holdsPosition(scope, resolved, extraction) : false;
    const role = roleOf(rule, extraction, position);
    const [from, to] = rule.direction === 'out' ? [scope.fact.id, resolved.id] : [resolved.id, scope.fact.id];
    const why = link(scope, { relation: rule.relation, from, to, ...(role ? { role } : {}) });
    report(scope, extraction, statementOf(rule.relation, from, to, role), why === null ? how : `not written: ${why}`);
    linked ||= why === null;
  }
  return linked;
}

/** The relation's role: the rule's, with the post the text gives ("head of delegation (deputy minister)"); a signatory's post when it is no position. */
function roleOf(rule: LinkRule, extraction: Extraction, position: boolean): string | undefined {
  if (rule.role && extraction.post) return `${rule.role} (${extraction.post})`;
  if (rule.role) return rule.role;
  return extraction.cue === 'signatory' && !position ? extraction.post : undefined;
}

/**
 * "MoU with Turkey's Ministry of Transport and Infrastructure and TIKA": two parties, when the
 * graph knows one side of an "and" and the other is an organisation's name too; otherwise the
 * words are one name ("Ministry of Transport and Infrastructure").
 */
function namesIn(scope: RowScope, extraction: Extraction, rule: LinkRule): string[] {
  const { name } = extraction;
  if (extraction.expects === 'Person') return [name];
  const types = typesFor(extraction, rule.relation);
  const known = (part: string) => scope.state.resolver.resolve(part, types).status === 'matched';
  if (known(name)) return [name];
  const parts = name.split(/\s+and\s+/);
  const looksOrganised = (part: string) => known(part) || organisationWords.test(part) || /^[\p{Lu}\d]{2,}$/u.test(part);
  for (let cut = 1; cut < parts.length; cut++) {
    const left = parts.slice(0, cut).join(' and ');
    const right = parts.slice(cut).join(' and ');
    if ((known(left) || known(right)) && looksOrganised(left) && looksOrganised(right)) return [left, right];
  }
  return [name];
}

/** A party the text introduces is the partner side's, as the counterpart_agency column's is: based in the row's country. */
function basedInRowCountry(scope: RowScope, agency: string): void {
  const { country } = scope.row;
  if (/^[A-Z]{2}$/.test(country) && country !== 'UN')
    scope.builder.relation({ type: 'BASED_IN', from: agency, to: `country:${country}`, quotes: [] });
}

/** "the Board (signed by CEO X)": X holds the post at the Board, when the Board is an agency; true when written. */
function holdsPosition(scope: RowScope, person: Resolved, extraction: Extraction): boolean {
  const party = scope.state.resolver.resolve(extraction.signedFor!, ['Agency']);
  if (party.status !== 'matched' || !extraction.post || person.type !== 'Person') return false;
  const agency = party.entity.id;
  const why = link(scope, { relation: 'HOLDS_POSITION', from: person.id, to: agency, role: extraction.post });
  report(
    scope,
    extraction,
    statementOf('HOLDS_POSITION', person.id, agency, extraction.post),
    why === null ? 'post at the party' : `not written: ${why}`,
  );
  if (why === null) scope.state.addPosition({ person: person.id, agency });
  return why === null;
}

/** "under the Feb 2025 MoU": the one memorandum of the row's country (and the named party) at that date, in the graph or this table. */
function linkUnder(scope: RowScope, extraction: Extraction, rule: LinkRule): boolean {
  const candidates = memorandaFor(scope, extraction);
  const [memorandum] = candidates;
  if (candidates.length !== 1 || !memorandum) {
    const why =
      candidates.length === 0
        ? `no memorandum${scope.row.country.length === 2 ? ` of ${scope.row.country}` : ''}${extraction.date ? ` dated ${extraction.date.iso}` : ''}${extraction.with ? ` with ${extraction.with}` : ''} in the graph or this table`
        : `${candidates.length} memoranda match (${candidates.map((candidate) => candidate.id).join(', ')}): name it in the under column`;
    report(scope, extraction, statementOf(rule.relation, scope.fact.id, '?'), `not written: ${why}`);
    return false;
  }
  mention(scope, memorandum.id);
  const why = link(scope, { relation: rule.relation, from: scope.fact.id, to: memorandum.id });
  report(
    scope,
    extraction,
    statementOf(rule.relation, scope.fact.id, memorandum.id),
    why === null ? 'matched by date, country and parties' : `not written: ${why}`,
  );
  return why === null;
}

function memorandaFor(scope: RowScope, extraction: Extraction): KnownFact[] {
  const { row, state } = scope;
  const country = /^[A-Z]{2}$/.test(row.country) && row.country !== 'UN' ? row.country : null;
  const stated = extraction.date?.iso;
  const party = extraction.with ? state.resolver.resolve(extraction.with, ['Agency', 'Country']) : null;
  const partyId = party?.status === 'matched' ? party.entity.id : null;
  return state.memoranda().filter((memorandum) => {
    if (memorandum.id === scope.fact.id) return false;
    // Dates agree when one is the other at a coarser precision: "Feb 2025" is 2025-02-14's month.
    if (stated && !(memorandum.date && (memorandum.date.startsWith(stated) || stated.startsWith(memorandum.date)))) return false;
    if (country && !memorandum.countries.includes(country)) return false;
    if (!extraction.with) return true;
    const parties = state.partiesOfMemorandum(memorandum.id);
    return partyId !== null && (parties.includes(partyId) || memorandum.countries.includes(partyId.replace(/^country:/, '')));
  });
}
