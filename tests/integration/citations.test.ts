/**
 * Statement-level citations, read through GraphQL on the seeds: a source is cited only for what
 * its row states, a row's notes are a note on its citations, a publication date dates the
 * source and never the fact, and no claim lists a source twice.
 */
import type { RunningServer } from '../../src/app/server';
import { graphql, useTestServer } from '../support/harness';

let server: RunningServer;
useTestServer((opened) => ({ server } = opened));

interface Citation {
  note: string | null;
  source: { url: string; published: string | null };
}

const citationFields = 'note source { url published }';

test('a source whose text never names the model is not cited for "modelled on ASAN"; the one that does is', async () => {
  const { data, errors } = await graphql(
    server,
    `{ entity(id: "center:et-addis-ababa") { citations { ${citationFields} } relations(types: [MODELLED_ON]) { to { id } citations { ${citationFields} } } } }`,
  );
  expect(errors).toBeUndefined();
  const urls = (citations: Citation[]) => citations.map((citation) => new URL(citation.source.url).hostname);
  // Both the digest (F40) and report.az (F39) state the centre...
  expect(urls(data.entity.citations)).toEqual(expect.arrayContaining(['allafrica.com']));
  // ...but only what names the ASAN model states that it follows it.
  const modelledOn = data.entity.relations as { to: { id: string }; citations: Citation[] }[];
  expect(modelledOn.map((relation) => relation.to.id)).toEqual(['agency:asan-xidmet']);
  expect(urls(modelledOn[0]!.citations)).not.toContain('allafrica.com');
  expect(modelledOn[0]!.citations.length).toBeGreaterThan(0);
});

test("a row's notes are a note on its source's citations, not the entity's description", async () => {
  const { data } = await graphql(server, `{ entity(id: "center:et-addis-ababa") { description citations { ${citationFields} } } }`);
  const digest = (data.entity.citations as Citation[]).find((citation) => citation.source.url.includes('allafrica.com'))!;
  expect(digest.note).toBe(
    "F40: Digest dated 5 May 2025 says 'this week'; bantugazette.com gives 12 agencies and 41 services. No Azerbaijan mention in these excerpts. CONFLICT with F39 (June 2025).",
  );
  expect(data.entity.description).not.toContain('F40');
});

test('a publication date dates the source, never the fact: the Uzbek memorandum has no signing date, its source is dated', async () => {
  const { data } = await graphql(
    server,
    `{ entity(id: "memorandum:uz-mou-2019-10-05") { ... on Memorandum { signed { iso } } citations { ${citationFields} } } }`,
  );
  expect(data.entity.signed).toBeNull();
  expect(data.entity.citations).toEqual([
    {
      note: 'F52: Date from URL path (publication date); signing day not stated separately.',
      source: { url: expect.stringContaining('kun.uz'), published: '2019-10-05' },
    },
  ]);
});

test('no claim in conflicts lists the same citation twice', async () => {
  const { data } = await graphql(
    server,
    '{ conflicts(first: 100) { edges { node { subject { id } property claims { value citations { quote source { id } } } } } } }',
  );
  for (const { node } of data.conflicts.edges as {
    node: {
      subject: { id: string };
      property: string;
      claims: { value: string; citations: { quote: string | null; source: { id: string } }[] }[];
    };
  }[]) {
    for (const claim of node.claims) {
      const keys = claim.citations.map((citation) => `${citation.source.id}|${citation.quote}`);
      expect({ at: `${node.subject.id} ${node.property} ${claim.value}`, keys: [...new Set(keys)] }).toEqual({
        at: `${node.subject.id} ${node.property} ${claim.value}`,
        keys,
      });
    }
  }
});

test("Hoima's opening: the day one source gives, undisputed; the other's date was its publication date, which dates that source only", async () => {
  const { data } = await graphql(
    server,
    `{ entity(id: "center:ug-hoima") { ... on ServiceCenter { opened { iso precision disputed alternatives { value } } } citations { ${citationFields} } } }`,
  );
  expect(data.entity.opened).toEqual({ iso: '2023-07-28', precision: 'DAY', disputed: false, alternatives: [] });
  const ntv = (data.entity.citations as Citation[]).find((citation) => citation.source.url.includes('ntv.co.ug'))!;
  expect(ntv).toMatchObject({ note: expect.stringContaining('F34: ') });
  expect(ntv.note).toContain('Date is the publication date.');
});
