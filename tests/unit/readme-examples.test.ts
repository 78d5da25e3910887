/**
 * GraphiQL's tabs are the ```graphql blocks of README's tour and docs/reference/graphql-api.md,
 * each named for the question it answers; every ```graphql block of the docs parses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { docSite, exampleSources } from '../../explorer/build/docs-pages';
import { graphqlExamples, readmeExamples } from '../../explorer/build/readme-examples';
import { projectRoot } from '../../src/core/project';

const graphqlBlocks = (markdown: string): number => markdown.match(/^```graphql$/gm)?.length ?? 0;

test('every graphql block of a markdown text, under its heading; anonymous queries named after it', () => {
  const markdown =
    '# Top\n\n```graphql\n{ a }\n```\n\n## `Paths` here\n\ntext\n\n```sh\nnot this\n```\n\n```graphql\n{ b }\n```\n\n```graphql\n{ c }\n```\n\n## 2 more\n\n```graphql\nquery Mine { d }\n```\n';
  expect(readmeExamples(markdown)).toEqual([
    { title: 'Top', query: '# Top\nquery Top { a }\n' },
    { title: 'Paths here', query: '# Paths here\nquery PathsHere { b }\n' },
    { title: 'Paths here', query: '# Paths here\nquery PathsHere2 { c }\n' },
    { title: '2 more', query: '# 2 more\nquery Mine { d }\n' },
  ]);
});

test('the examples of several texts keep their order and get names unique across them', () => {
  expect(
    graphqlExamples(['# One\n\n```graphql\n{ a }\n```\n', '# One\n\n```graphql\n{ b }\n```\n']).map((example) => example.query),
  ).toEqual(['# One\nquery One { a }\n', '# One\nquery One2 { b }\n']);
});

test("the tabs: README's tour, then the API reference, one per graphql block, each named for its question", () => {
  const texts = exampleSources(projectRoot).map((source) => fs.readFileSync(source, 'utf8'));
  const examples = graphqlExamples(texts);
  expect(examples).toHaveLength(texts.reduce((sum, text) => sum + graphqlBlocks(text), 0));
  expect(graphqlBlocks(texts[0]!)).toBe(3);
  expect(examples.length).toBeGreaterThan(15);
  for (const example of examples) expect(() => parse(example.query)).not.toThrow();
  const names = examples.map((example) => /^(?:query|mutation) (\w+)/m.exec(example.query)?.[1]);
  expect(new Set(names).size).toBe(examples.length);
  // Named for the question each answers (an operation name of the query), not for a section.
  expect(names).toContain('HowIsTheChairmanLinkedToTheKabulCentre');
  for (const name of names) expect(name).toMatch(/^(What|Which|Who|How|Where|When)[A-Z]/);
  expect(examples.map((example) => example.title)).toContain('Paths');
});

test('every graphql block anywhere in the docs is a document GraphQL parses', () => {
  const pages = docSite(projectRoot).pages;
  const examples = pages.flatMap((page) => readmeExamples(fs.readFileSync(page.source, 'utf8')));
  expect(examples).toHaveLength(pages.reduce((sum, page) => sum + graphqlBlocks(fs.readFileSync(page.source, 'utf8')), 0));
  expect(examples.length).toBeGreaterThan(20);
  for (const example of examples) expect(() => parse(example.query)).not.toThrow();
  expect(pages.map((page) => path.relative(projectRoot, page.source))).toContain(path.join('docs', 'reference', 'graphql-api.md'));
});
