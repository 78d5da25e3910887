/** Small bundles with ids unique to one test run, so test files never share data. */
import type { Bundle } from '../../src/ingest/bundle';
import { uniqueSlug } from './harness';

export const testText =
  'The Example Agency of Azerbaijan signed a memorandum with the Example Office of Afghanistan in 2017. About 5 trainings followed.';

export function testBundle(prefix: string): Bundle {
  const slug = uniqueSlug(prefix);
  return {
    format: 'coopgraph-bundle/1',
    source: { id: `source:${slug}`, title: `Test source ${slug}`, publisher: 'coopgraph tests', language: 'en', url: null, text: testText },
    entities: [
      {
        id: `agency:${slug}-az`,
        type: 'Agency',
        name: `Example Agency ${slug}`,
        quotes: ['The Example Agency of Azerbaijan'],
        attributes: { kind: 'GOVERNMENT_AGENCY' },
      },
      {
        id: `agency:${slug}-af`,
        type: 'Agency',
        name: `Example Office ${slug}`,
        quotes: ['the Example Office of Afghanistan'],
        attributes: { kind: 'GOVERNMENT_AGENCY' },
      },
      {
        id: `memorandum:${slug}`,
        type: 'Memorandum',
        name: `Memorandum ${slug}`,
        quotes: ['signed a memorandum'],
        attributes: { kind: 'MOU', signed: '2017' },
      },
      {
        id: `training:${slug}`,
        type: 'Training',
        name: `Trainings ${slug}`,
        quotes: ['About 5 trainings followed.'],
        attributes: { count: { value: 5, qualifier: 'ABOUT', unit: 'trainings' } },
      },
    ],
    relations: [
      { type: 'BASED_IN', from: `agency:${slug}-az`, to: 'country:AZ', quotes: ['The Example Agency of Azerbaijan'] },
      { type: 'BASED_IN', from: `agency:${slug}-af`, to: 'country:AF', quotes: ['the Example Office of Afghanistan'] },
      {
        type: 'PARTY_TO',
        from: `agency:${slug}-az`,
        to: `memorandum:${slug}`,
        start: '2017',
        quotes: ['signed a memorandum with the Example Office of Afghanistan in 2017'],
      },
      {
        type: 'PARTY_TO',
        from: `agency:${slug}-af`,
        to: `memorandum:${slug}`,
        start: '2017',
        quotes: ['signed a memorandum with the Example Office of Afghanistan in 2017'],
      },
      { type: 'UNDER', from: `training:${slug}`, to: `memorandum:${slug}`, quotes: ['About 5 trainings followed.'] },
    ],
  };
}

/**
 * A large bundle over `base` (a testBundle, already stored), for import runs: new agencies
 * based in Tuvalu and Nauru (countries that exist, which no other test lists: hundreds of
 * agencies in Afghanistan would push the seed's out of other tests' first pages), some party to
 * the base memorandum, and base entities stated again with an alias, a description and a signing date
 * that disputes the base's 2017.
 */
export function largeBundleOver(base: Bundle, agencies: number): Bundle {
  const slug = base.source.id.replace('source:', '');
  const [az, , memorandum] = base.entities;
  const text = `${slug}: many agencies. The memorandum was signed in 2018.`;
  return {
    format: 'coopgraph-bundle/1',
    source: { id: `source:${slug}-large`, title: `Large source ${slug}`, publisher: 'coopgraph tests', language: 'en', url: null, text },
    entities: [
      ...Array.from({ length: agencies }, (_, i) => ({
        id: `agency:${slug}-n${i}`,
        type: 'Agency',
        name: `Agency ${i} ${slug}`,
        quotes: ['many agencies'],
        attributes: { kind: 'GOVERNMENT_AGENCY' },
      })),
      { ...az!, aliases: [`Alias of ${slug}`], description: 'Stated again by the large source.', quotes: ['many agencies'] },
      { ...memorandum!, attributes: { kind: 'MOU', signed: '2018' }, quotes: ['The memorandum was signed in 2018.'] },
    ],
    relations: Array.from({ length: agencies }, (_, i) =>
      i % 10 === 0
        ? { type: 'PARTY_TO', from: `agency:${slug}-n${i}`, to: memorandum!.id, quotes: ['many agencies'] }
        : { type: 'BASED_IN', from: `agency:${slug}-n${i}`, to: i % 2 === 0 ? 'country:TV' : 'country:NR', quotes: ['many agencies'] },
    ),
  } as Bundle;
}
