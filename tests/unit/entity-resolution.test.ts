import { EntityResolver, nameVariants, skeleton } from '../../src/ingest/table/resolve';

const known = [
  {
    id: 'agency:asan-xidmet',
    type: 'Agency' as const,
    name: 'Dövlət Agentliyi',
    aliases: ['ASAN xidmət', 'ASAN Service', 'SAPSSI', 'State Agency for Citizen Service and Social Innovation'],
  },
  {
    id: 'agency:asan-international-association',
    type: 'Agency' as const,
    name: 'ASAN International Association of Public Service Providing Institutions',
    aliases: ['ASAN International Association of Public Service Delivery Entities'],
  },
  { id: 'person:ulvi-mehdiyev', type: 'Person' as const, name: 'Ülvi Mehdiyev', aliases: [] },
  { id: 'person:amanullah-ceyhun', type: 'Person' as const, name: 'Amanullah Ceyhun', aliases: ['Amanullah Jayhun'] },
  { id: 'person:inam-karimov', type: 'Person' as const, name: 'Inam Karimov', aliases: [] },
  { id: 'country:AZ', type: 'Country' as const, name: 'Azerbaijan', aliases: [] },
];
const any = ['Person', 'Agency', 'Country'] as const;

test('the State Agency under every name the sources use', () => {
  const resolver = new EntityResolver(known);
  for (const name of [
    'ASAN Service',
    'asan xidmet',
    'ASAN XİDMƏT',
    'SAPSSI',
    'State Agency for Citizen Service and Social Innovation',
    'State Agency (SAPSSI)',
    'Azerbaijan State Agency (ASAN Service)',
  ]) {
    const resolution = resolver.resolve(name, any);
    expect(resolution).toMatchObject({ status: 'matched', entity: { id: 'agency:asan-xidmet' } });
  }
});

test('the association under both of its English names', () => {
  const resolver = new EntityResolver(known);
  expect(resolver.resolve('ASAN International Association of Public Service Delivery Entities', any)).toMatchObject({
    status: 'matched',
    entity: { id: 'agency:asan-international-association' },
  });
  expect(resolver.resolve('the ASAN International Association of Public Service Providing Institutions', any)).toMatchObject({
    status: 'matched',
    entity: { id: 'agency:asan-international-association' },
  });
});

test('people: diacritics, titles, remarks and transliteration variants', () => {
  const resolver = new EntityResolver(known);
  expect(resolver.resolve('Ulvi Mehdiyev', any)).toMatchObject({ status: 'matched', entity: { id: 'person:ulvi-mehdiyev' }, via: 'name' });
  expect(resolver.resolve('Ulvi Mehdiyev (chairman)', any)).toMatchObject({ status: 'matched', entity: { id: 'person:ulvi-mehdiyev' } });
  expect(resolver.resolve('Chairman Ulvi Mehdiyev', any)).toMatchObject({ status: 'matched', entity: { id: 'person:ulvi-mehdiyev' } });
  expect(resolver.resolve('Inam Kerimov', any)).toMatchObject({
    status: 'matched',
    entity: { id: 'person:inam-karimov' },
    via: 'spelling variant',
  });
  expect(resolver.resolve('Amanullah Jeyhun', any)).toMatchObject({
    status: 'matched',
    entity: { id: 'person:amanullah-ceyhun' },
    via: 'spelling variant',
  });
  expect(skeleton('ceyhun')).toBe(skeleton('jayhun'));
});

test('three different Ceyhuns: a shared word is never a match', () => {
  const resolver = new EntityResolver(known);
  expect(resolver.resolve('Ceyhun Bayramov', any)).toEqual({ status: 'none' });
  resolver.add({ id: 'person:ceyhun-bayramov', type: 'Person', name: 'Ceyhun Bayramov', aliases: [] });
  expect(nameVariants('Ceyhun (Jeyhun) Salmanov')).toEqual(expect.arrayContaining(['Ceyhun Salmanov', 'Jeyhun Salmanov']));
  expect(resolver.resolve('Ceyhun (Jeyhun) Salmanov', any)).toEqual({ status: 'none' });
  resolver.add({ id: 'person:ceyhun-salmanov', type: 'Person', name: 'Ceyhun Salmanov', aliases: ['Jeyhun Salmanov'] });
  expect(resolver.resolve('Jeyhun Salmanov', any)).toMatchObject({ status: 'matched', entity: { id: 'person:ceyhun-salmanov' } });
  expect(resolver.resolve('Amanullah Ceyhun', any)).toMatchObject({ status: 'matched', entity: { id: 'person:amanullah-ceyhun' } });
  expect(resolver.resolve('Ceyhun Bayramov', any)).toMatchObject({ status: 'matched', entity: { id: 'person:ceyhun-bayramov' } });
  // A bare "Ceyhun" could be any of them: unsure, never merged.
  const bare = resolver.resolve('Ceyhun', any);
  expect(bare.status).toBe('unsure');
  expect(bare.status === 'unsure' && bare.candidates.map((c) => c.id).sort()).toEqual([
    'person:amanullah-ceyhun',
    'person:ceyhun-bayramov',
    'person:ceyhun-salmanov',
  ]);
});

test('types narrow matches', () => {
  const resolver = new EntityResolver(known);
  expect(resolver.resolve('Azerbaijan', ['Person'])).toEqual({ status: 'none' });
  expect(resolver.resolve('Azerbaijan', any)).toMatchObject({ status: 'matched', entity: { id: 'country:AZ' } });
});
