/** Small bundles with ids unique to one test run, so test files never share data. */
import type { Bundle } from '../../src/ingest/bundle';
import { uniqueSlug } from './harness';

export const testText = 'The Example Agency of Azerbaijan signed a memorandum with the Example Office of Afghanistan in 2017. About 5 trainings followed.';

export function testBundle(prefix: string): Bundle {
  const slug = uniqueSlug(prefix);
  return {
    format: 'coopgraph-bundle/1',
    source: { id: `source:${slug}`, title: `Test source ${slug}`, publisher: 'coopgraph tests', language: 'en', url: null, text: testText },
    entities: [
      { id: `agency:${slug}-az`, type: 'Agency', name: `Example Agency ${slug}`, quotes: ['The Example Agency of Azerbaijan'], attributes: { kind: 'GOVERNMENT_AGENCY' } },
      { id: `agency:${slug}-af`, type: 'Agency', name: `Example Office ${slug}`, quotes: ['the Example Office of Afghanistan'], attributes: { kind: 'GOVERNMENT_AGENCY' } },
      { id: `memorandum:${slug}`, type: 'Memorandum', name: `Memorandum ${slug}`, quotes: ['signed a memorandum'], attributes: { kind: 'MOU', signed: '2017' } },
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
      { type: 'PARTY_TO', from: `agency:${slug}-az`, to: `memorandum:${slug}`, start: '2017', quotes: ['signed a memorandum with the Example Office of Afghanistan in 2017'] },
      { type: 'PARTY_TO', from: `agency:${slug}-af`, to: `memorandum:${slug}`, start: '2017', quotes: ['signed a memorandum with the Example Office of Afghanistan in 2017'] },
      { type: 'UNDER', from: `training:${slug}`, to: `memorandum:${slug}`, quotes: ['About 5 trainings followed.'] },
    ],
  };
}
