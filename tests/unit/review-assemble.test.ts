/**
 * The review page's pure parts: reading a draft (or a bare bundle) into one item per candidate,
 * and turning the editor's decisions and edits into the bundle importBundle receives: accepted
 * new entities only, relations with both ends there, a rejected entity's relations dropped and
 * said so, ids that follow a changed type or an undone match, quotes found by their offsets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assemble, problemPlace, resolveEnd } from '../../explorer/src/review/assemble';
import { DraftError, parseDraft, parseDraftText, type Draft } from '../../explorer/src/review/draft';
import { idPrefixes, relationTypeNames, slugOf, typeOfEnumValue } from '../../explorer/src/review/model-types';
import { reviewItems, type EntityItem, type RelationItem, type ReviewItems } from '../../explorer/src/review/review-items';
import { quoteSpan } from '../../explorer/src/review/quote-span';
import { validateBundle } from '../../src/ingest/bundle';
import { entitySpec, entityTypeNames, relationTypeNames as registryRelationTypes } from '../../src/core/model/registry';

const fixtureText = fs.readFileSync(path.join(__dirname, '../fixtures/review-draft.json'), 'utf8');
const draft = (): Draft => parseDraftText(fixtureText);

const board = 'agency:review-fixture-herat-board';
const memorandum = 'memorandum:review-fixture-mou-2025';
const person = 'person:review-fixture-ahmad-karimi';

function entity(items: ReviewItems, draftId: string): EntityItem {
  const found = items.entities.find((item) => item.draftId === draftId);
  if (!found) throw new Error(`no item for ${draftId}`);
  return found;
}

const relation = (items: ReviewItems, index: number): RelationItem => items.relations.find((item) => item.candidate.ref === String(index))!;

/** The fixture reviewed as the browser test does: two entities and two relations accepted, the person rejected. */
function reviewed(): { current: Draft; items: ReviewItems } {
  const current = draft();
  const items = reviewItems(current);
  entity(items, board).decision = 'accepted';
  entity(items, memorandum).decision = 'accepted';
  entity(items, person).decision = 'rejected';
  relation(items, 1).decision = 'accepted';
  relation(items, 3).decision = 'accepted';
  return { current, items };
}

test('the fixture is a draft whose bundle the importer accepts, each candidate quote at its offsets', () => {
  const current = draft();
  expect(() => validateBundle(current.bundle, 'review-draft.json')).not.toThrow();
  const text = current.bundle.source.text!;
  for (const candidate of current.candidates) expect(text.slice(candidate.start!, candidate.end!)).toBe(candidate.quote);
});

test('a draft becomes one item per entity and relation, the matched entity standing for its existing id', () => {
  const items = reviewItems(draft());
  expect(items.entities.map((item) => [item.draftId, item.matchedId, item.proposed?.id ?? null])).toEqual([
    ['agency:asan-xidmet', 'agency:asan-xidmet', null],
    [board, null, board],
    [memorandum, null, memorandum],
    [person, null, person],
  ]);
  expect(items.relations.map((item) => item.type)).toEqual(['PARTY_TO', 'PARTY_TO', 'SIGNED', 'BASED_IN', 'HOLDS_POSITION']);
  expect([...items.entities, ...items.relations].every((item) => item.decision === 'undecided')).toBe(true);
  expect(items.unplaced).toEqual([]);
});

test('only accepted candidates are imported; relations using the rejected entity are dropped, saying why', () => {
  const { current, items } = reviewed();
  const assembled = assemble(current, items);
  expect(assembled.bundle.entities.map((e) => e.id)).toEqual([board, memorandum]);
  expect(assembled.bundle.relations.map((r) => [r.type, r.from, r.to])).toEqual([
    ['PARTY_TO', board, memorandum],
    ['BASED_IN', board, 'country:AF'],
  ]);
  expect(assembled.dropped.map(({ item, why }) => [item.type, why])).toEqual([
    ['SIGNED', 'dropped: it uses "Ahmad Karimi", which is rejected'],
    ['HOLDS_POSITION', 'dropped: it uses "Ahmad Karimi", which is rejected'],
  ]);
  expect(assembled.bundle.source).toEqual(current.bundle.source);
  expect(() => validateBundle(assembled.bundle, 'assembled')).not.toThrow();
});

test('an accepted relation waits for its undecided end, and goes in with the existing id once the match is accepted', () => {
  const { current, items } = reviewed();
  relation(items, 0).decision = 'accepted';
  expect(assemble(current, items).dropped.map(({ why }) => why)).toContain(
    'not imported: "State Agency for Public Service and Social Innovations" is not accepted yet',
  );
  entity(items, 'agency:asan-xidmet').decision = 'accepted';
  const assembled = assemble(current, items);
  expect(assembled.bundle.entities.map((e) => e.id)).toEqual([board, memorandum]);
  expect(assembled.bundle.relations[0]).toMatchObject({ type: 'PARTY_TO', from: 'agency:asan-xidmet', to: memorandum });
});

test('edits reach the bundle: a name, a relation date and role, a new type (a new id, no attributes) and an undone match', () => {
  const { current, items } = reviewed();
  entity(items, memorandum).name = 'MoU on public service delivery';
  entity(items, memorandum).type = 'Event';
  relation(items, 1).start = '2025-03';
  relation(items, 3).role = 'seat';
  const asan = entity(items, 'agency:asan-xidmet');
  asan.decision = 'accepted';
  asan.matchedId = null;
  relation(items, 0).decision = 'accepted';
  const assembled = assemble(current, items);
  const event = assembled.bundle.entities.find((e) => e.type === 'Event')!;
  expect(event).toEqual({
    id: 'event:review-fixture-mou-2025',
    type: 'Event',
    name: 'MoU on public service delivery',
    quotes: expect.any(Array),
  });
  const created = assembled.bundle.entities.find((e) => e.id.startsWith('agency:state-agency'))!;
  expect(created).toMatchObject({ id: 'agency:state-agency-for-public-service-and-social-innovations', quotes: [asan.candidate.quote] });
  expect(assembled.bundle.relations.map((r) => [r.from, r.to, r.start ?? null, r.role ?? null])).toEqual([
    [created.id, event.id, '2025-03-12', null],
    [board, event.id, '2025-03', null],
    [board, 'country:AF', null, 'seat'],
  ]);
});

test('a bare bundle is reviewed as it stands; what is not a draft is refused saying what was expected', () => {
  const bare = parseDraft(JSON.parse(fixtureText).bundle);
  const items = reviewItems(bare);
  expect(items.entities.map((item) => item.draftId)).toEqual([board, memorandum, person]);
  expect(items.relations).toHaveLength(5);
  expect(items.entities[0]!.candidate.reason).toContain('without a candidate');
  expect(() => parseDraftText('{ nope')).toThrow(DraftError);
  expect(() => parseDraftText('{ nope')).toThrow(/not JSON/);
  expect(() => parseDraftText('{"candidates": []}')).toThrow(/expected \{bundle, candidates, language, warnings\}/);
  expect(() => parseDraftText('{"bundle": {"format": "coopgraph-bundle/1"}, "candidates": []}')).toThrow(/source must be/);
});

test('a candidate naming nothing in the bundle is listed, never imported', () => {
  const current = draft();
  current.candidates.push({ ...current.candidates[1]!, ref: 'agency:not-in-the-bundle', label: 'Nowhere' });
  current.candidates.push({ ...current.candidates[4]!, ref: '99', label: 'Relation 99' });
  expect(reviewItems(current).unplaced).toEqual([
    '"Nowhere": its ref agency:not-in-the-bundle is not in the bundle and it has no match',
    '"Relation 99": relation 99 is not in the bundle',
  ]);
});

test('quotes are found at their offsets, else by their text; an end no item holds is an existing entity', () => {
  const text = 'Alpha beta gamma beta.';
  expect(quoteSpan(text, { quote: 'beta', start: 17, end: 21 })).toEqual({ start: 17, end: 21 });
  expect(quoteSpan(text, { quote: 'beta', start: 0, end: 4 })).toEqual({ start: 6, end: 10 });
  expect(quoteSpan(text, { quote: 'delta', start: null, end: null })).toBeNull();
  const { current, items } = reviewed();
  const { idOf } = assemble(current, items);
  expect(resolveEnd(items, idOf, 'country:AF')).toEqual({ id: 'country:AF' });
  expect(resolveEnd(items, idOf, person)).toEqual({ blocked: 'rejected', name: 'Ahmad Karimi' });
});

test("a server problem's JSON path is named by the entity or relation it is in", () => {
  const { current, items } = reviewed();
  const assembled = assemble(current, items);
  expect(problemPlace(assembled, '/relations/1/type')).toBe('/relations/1/type ("Herat Digital Services Board is based in Afghanistan")');
  expect(problemPlace(assembled, '/entities/0/name')).toBe('/entities/0/name ("Herat Digital Services Board")');
  expect(problemPlace(assembled, '/source/title')).toBe('/source/title');
});

test("the page's type lists are the registry's: types from the bundle format, id prefixes checked here and in registry-places", () => {
  expect(Object.keys(idPrefixes)).toEqual([...entityTypeNames]);
  for (const type of entityTypeNames) expect(idPrefixes[type]).toBe(entitySpec(type).idPrefix);
  expect(relationTypeNames).toEqual(registryRelationTypes);
  expect(typeOfEnumValue('SERVICE_CENTER')).toBe('ServiceCenter');
  expect(slugOf('Ünvan Xidmət — Kabul Board')).toBe('unvan-xidmet-kabul-board');
  expect(slugOf('Комитет')).toMatch(/^n[0-9a-z]+$/);
  expect(slugOf('Комитет')).toBe(slugOf('Комитет'));
  expect(slugOf('Комитет')).not.toBe(slugOf('Комиссия'));
});
