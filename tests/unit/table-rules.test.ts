import { relationAllowed, type EntityTypeName } from '../../src/core/model/registry';
import { factTypes } from '../../src/ingest/table/parse';
import {
  actorRule,
  dateAttributeOf,
  defaultKind,
  entityTypeOf,
  factRules,
  labelOf,
  type FactEntityType,
  type LinkRule,
} from '../../src/ingest/table/rules';

test('every fact_type makes one entity type, with a label and the kind the old table gave', () => {
  expect(Object.fromEntries(factTypes.map((type) => [type, [entityTypeOf(type), defaultKind(type, entityTypeOf(type)) ?? null]]))).toEqual({
    MEMORANDUM: ['Memorandum', 'MOU'],
    AGREEMENT: ['Memorandum', 'AGREEMENT'],
    CENTRE_OPENED: ['ServiceCenter', null],
    TRAINING: ['Training', null],
    MEMBERSHIP: ['Event', 'SIGNING'],
    AWARD: ['Award', null],
    MEETING: ['Event', 'MEETING'],
    CREDENTIALS: ['Event', 'CREDENTIALS'],
    STATISTIC: ['Statistic', null],
  });
  expect(labelOf('CREDENTIALS')).toBe('Presentation of credentials');
  // A row curated into a memorandum keeps a kind: OTHER when its fact_type has none.
  expect(defaultKind('CENTRE_OPENED', 'Memorandum')).toBe('OTHER');
});

test('dates go to the attribute the registry names, and are claimed under it; for an award, its date', () => {
  expect(dateAttributeOf('Memorandum')).toBe('signed');
  expect(dateAttributeOf('ServiceCenter')).toBe('opened');
  expect(dateAttributeOf('Statistic')).toBe('asOf');
  expect(dateAttributeOf('Event')).toBe('date');
  expect(dateAttributeOf('Award')).toBe('date');
});

test('actor rules by actor type', () => {
  expect(actorRule('Memorandum', 'Person')?.relation).toBe('SIGNED');
  expect(actorRule('Memorandum', 'Agency')?.relation).toBe('PARTY_TO');
  expect(actorRule('ServiceCenter', 'Country')?.relation).toBe('LOCATED_IN');
  expect(actorRule('ServiceCenter', 'Person')).toBeUndefined();
});

test('the only rules the model refuses for their own fact type: an organisation taking part in a centre or a training', () => {
  const allowed = (fact: EntityTypeName, rule: LinkRule, other: EntityTypeName) =>
    rule.direction === 'out' ? relationAllowed(rule.relation, fact, other) : relationAllowed(rule.relation, other, fact);
  const refused: string[] = [];
  for (const [fact, rules] of Object.entries(factRules) as [FactEntityType, (typeof factRules)[FactEntityType]][]) {
    for (const [actorType, rule] of Object.entries(rules.actor))
      if (rule && !allowed(fact, rule, actorType === 'other' ? 'Agency' : (actorType as EntityTypeName))) refused.push(`${fact} actor`);
    if (!allowed(fact, rules.country, 'Country')) refused.push(`${fact} country`);
    if (!allowed(fact, rules.organisation, 'Agency')) refused.push(`${fact} organisation`);
    if (rules.model && !allowed(fact, rules.model, 'Agency')) refused.push(`${fact} model`);
  }
  expect(refused).toEqual(['ServiceCenter organisation', 'Training organisation']);
});
