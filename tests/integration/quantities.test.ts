/**
 * Stated quantities: every figure of the facts table's quantity column, and of a bundle's
 * `quantities`, is readable as `quantities` on its entity, with its metric, qualifier and
 * sources; figures that cannot both be true are disputed, figures that can are not.
 */
import type { Database } from '../../src/core/db/database';
import { validateBundle, type Bundle } from '../../src/ingest/bundle';
import { validationProblems } from '../support/validation';
import { writeBundle } from '../../src/ingest/writer';
import type { RunningServer } from '../../src/app/server';
import { graphql, recordQueries, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const quantitiesQuery = `query($id: ID!, $metric: String) {
  entity(id: $id) { id quantities(metric: $metric) { metric value qualifier unit text disputed citations { source { id } } } }
}`;

/** The entity the seeds hold under `name` (the facts table's rows become entities named by its curation). */
async function idNamed(name: string): Promise<string> {
  const rows = await db.read('MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name });
  expect(rows).toHaveLength(1);
  return rows[0]!.id as string;
}

async function quantitiesOf(id: string, metric?: string) {
  const { data, errors } = await graphql(server, quantitiesQuery, { id, metric });
  expect(errors).toBeUndefined();
  return data.entity.quantities as {
    metric: string;
    value: number;
    qualifier: string;
    unit: string | null;
    text: string;
    disputed: boolean;
    citations: { source: { id: string } }[];
  }[];
}

describe('the facts table keeps every stated figure', () => {
  test("the Islamabad centre's 12 institutions and 64 services, each cited by its row's source", async () => {
    const id = await idNamed('Asan Khidmat Markaz, Islamabad');
    expect(id).toBe('center:pk-islamabad'); // README's example
    const quantities = await quantitiesOf(id);
    expect(quantities.map(({ citations, ...rest }) => ({ ...rest, sources: citations.length }))).toEqual([
      {
        metric: 'participating institutions',
        value: 12,
        qualifier: 'EXACT',
        unit: 'institutions',
        text: '12 institutions',
        disputed: false,
        sources: 1,
      },
      {
        metric: 'services',
        value: 64,
        qualifier: 'EXACT',
        unit: 'services (initial phase)',
        text: '64 services (initial phase)',
        disputed: false,
        sources: 1,
      },
    ]);
    expect(quantities[0]!.citations).toEqual(quantities[1]!.citations);
  });

  test("a second figure inside a cell is a quantity of its own: the forum's more than 500 delegates from more than 190 countries", async () => {
    const quantities = await quantitiesOf(await idNamed('UN Public Service Forum 2019, Baku'));
    expect(quantities.map((q) => [q.metric, q.qualifier, q.value, q.text])).toEqual([
      ['countries', 'MORE_THAN', 190, 'more than 190 countries'],
      ['participants', 'MORE_THAN', 500, 'more than 500 delegates'],
    ]);
  });

  test('the 65 co-sponsoring countries; the metric argument narrows, matched without case', async () => {
    const id = await idNamed('UN Human Rights Council resolution on transparent and efficient public service delivery (ASAN concept)');
    expect(await quantitiesOf(id, 'Co-Sponsoring Countries')).toMatchObject([
      { metric: 'co-sponsoring countries', value: 65, qualifier: 'EXACT', text: '65 co-sponsoring countries' },
    ]);
    expect(await quantitiesOf(id, 'delegates')).toEqual([]);
  });

  test("a statistic's first figure is its value, the others are stated quantities (metric from the quantity_metric column)", async () => {
    const rows = await db.read("MATCH (s:Statistic) WHERE s.value_value = 3 AND s.metric = 'active provinces' RETURN s.id AS id");
    expect(rows).toHaveLength(1);
    const quantities = await quantitiesOf(rows[0]!.id as string);
    expect(quantities.map((q) => [q.metric, q.value, q.text])).toEqual([
      ['planned provinces', 4, '4 planned'],
      ['value', 3, '3 active provinces'],
    ]);
  });

  test('a blank or overlong metric is refused with the argument named, nothing read', async () => {
    for (const metric of ['  ', 'x'.repeat(101)]) {
      const { data, errors } = await graphql(server, quantitiesQuery, { id: 'country:AZ', metric });
      expect(data?.entity ?? null).toBeNull();
      expect(errors?.[0]).toMatchObject({ path: ['entity', 'quantities'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(errors?.[0]?.message).toContain('Argument "metric" must be a non-blank name of at most 100 characters');
    }
  });
});

const problemPaths = (bundle: unknown): string[] => validationProblems(bundle).map((problem) => problem.path);

describe('quantities from bundles', () => {
  const source = (slug: string, n: number): Bundle['source'] => ({
    id: `source:${slug}-${n}`,
    title: `Source ${n}`,
    publisher: 'Test',
    language: 'en',
    url: `https://example.org/${slug}/${n}`,
    text: null,
  });
  const centre = (slug: string) => ({ id: `center:${slug}`, type: 'ServiceCenter' as const, name: `Centre ${slug}`, quotes: [] });
  const stating = (slug: string, n: number, quantities: Omit<NonNullable<Bundle['quantities']>[number], 'subject' | 'quotes'>[]): Bundle =>
    validateBundle(
      {
        format: 'coopgraph-bundle/1',
        source: source(slug, n),
        entities: [centre(slug)],
        relations: [],
        quantities: quantities.map((q) => ({ subject: `center:${slug}`, quotes: [], ...q })),
      },
      'test',
    );

  test("figures that can both be true agree ('more than 40' and '64'); '8' against '10' is disputed and listed in conflicts", async () => {
    const slug = uniqueSlug('quantities');
    await writeBundle(
      db,
      stating(slug, 1, [
        { metric: 'services', value: 40, qualifier: 'MORE_THAN', unit: 'services' },
        { metric: 'institutions', value: 8, qualifier: 'EXACT', unit: 'institutions' },
      ]),
      'test',
    );
    await writeBundle(
      db,
      stating(slug, 2, [
        { metric: 'services', value: 64, qualifier: 'EXACT', unit: 'services' },
        { metric: 'institutions', value: 10, qualifier: 'EXACT', unit: 'institutions' },
      ]),
      'test',
    );
    const quantities = await quantitiesOf(`center:${slug}`);
    expect(quantities.map((q) => [q.metric, q.text, q.disputed, q.citations.map((c) => c.source.id)])).toEqual([
      ['institutions', '8 institutions', true, [`source:${slug}-1`]],
      ['institutions', '10 institutions', true, [`source:${slug}-2`]],
      ['services', 'more than 40 services', false, [`source:${slug}-1`]],
      ['services', '64 services', false, [`source:${slug}-2`]],
    ]);
    const conflicts = await graphql(server, 'query($id: ID) { conflicts(entity: $id) { edges { node { property claims { value } } } } }', {
      id: `center:${slug}`,
    });
    expect(conflicts.data.conflicts.edges).toEqual([
      { node: { property: 'institutions', claims: [{ value: '10 institutions' }, { value: '8 institutions' }] } },
    ]);
  });

  test("'about 200' meets 207 (within a tenth) but not 250; less than 10 and at least 10 do not meet", async () => {
    const slug = uniqueSlug('about');
    await writeBundle(
      db,
      stating(slug, 1, [
        { metric: 'malls', value: 200, qualifier: 'ABOUT' },
        { metric: 'offices', value: 200, qualifier: 'ABOUT' },
        { metric: 'staff', value: 10, qualifier: 'LESS_THAN' },
      ]),
      'test',
    );
    await writeBundle(
      db,
      stating(slug, 2, [
        { metric: 'malls', value: 207, qualifier: 'EXACT' },
        { metric: 'offices', value: 250, qualifier: 'EXACT' },
        { metric: 'staff', value: 10, qualifier: 'AT_LEAST' },
      ]),
      'test',
    );
    const disputed = Object.fromEntries((await quantitiesOf(`center:${slug}`)).map((q) => [q.metric, q.disputed]));
    expect(disputed).toEqual({ malls: false, offices: true, staff: true });
  });

  test('two sources stating the same figure make one quantity with two citations; writing a bundle again adds nothing', async () => {
    const slug = uniqueSlug('same-figure');
    const figure = { metric: 'services', value: 30, qualifier: 'MORE_THAN' as const, unit: 'services' };
    await writeBundle(db, stating(slug, 1, [figure]), 'test');
    await writeBundle(db, stating(slug, 2, [figure]), 'test');
    await writeBundle(db, stating(slug, 2, [figure]), 'test');
    expect(await quantitiesOf(`center:${slug}`)).toEqual([
      {
        metric: 'services',
        value: 30,
        qualifier: 'MORE_THAN',
        unit: 'services',
        text: 'more than 30 services',
        disputed: false,
        citations: [{ source: { id: `source:${slug}-1` } }, { source: { id: `source:${slug}-2` } }],
      },
    ]);
  });

  test('quantities of a whole list page are read in one statement', async () => {
    const slug = uniqueSlug('batch');
    await writeBundle(db, stating(slug, 1, [{ metric: 'services', value: 5, qualifier: 'EXACT' }]), 'test');
    const recorder = recordQueries(db);
    const { errors } = await graphql(server, '{ serviceCenters(first: 20) { edges { node { id quantities { metric } } } } }');
    recorder.stop();
    expect(errors).toBeUndefined();
    expect(recorder.queries.filter((query) => query.cypher.includes(':Claim'))).toHaveLength(1);
  });

  test('bad quantities are refused with their JSON paths', () => {
    const slug = uniqueSlug('bad');
    const bad = {
      format: 'coopgraph-bundle/1',
      source: source(slug, 1),
      entities: [centre(slug)],
      relations: [],
      quantities: [
        { subject: `center:${slug}`, metric: '', value: 3, qualifier: 'EXACT', quotes: [] },
        { subject: `center:${slug}`, metric: 'services', value: -1, qualifier: 'EXACT', quotes: [] },
        { subject: `center:${slug}`, metric: 'services', value: 3, qualifier: 'ROUGHLY', quotes: [] },
      ],
    };
    expect(problemPaths(bad)).toEqual(expect.arrayContaining(['/quantities/0/metric', '/quantities/1/value', '/quantities/2/qualifier']));
    // The shape is right, the subject names no entity type.
    expect(
      problemPaths({ ...bad, quantities: [{ subject: 'nothing:here', metric: 'services', value: 3, qualifier: 'EXACT', quotes: [] }] }),
    ).toEqual(['/quantities/0/subject']);
  });
});
