/** GraphiQL's tabs are README's ```graphql blocks, each titled by its heading. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { readmeExamples } from '../../explorer/build/readme-examples';
import { projectRoot } from '../../src/core/project';

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

test("README's examples are documents GraphQL parses, one per graphql block", () => {
  const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const examples = readmeExamples(readme);
  expect(examples).toHaveLength(readme.match(/^```graphql$/gm)?.length ?? 0);
  expect(examples.length).toBeGreaterThan(5);
  for (const example of examples) expect(() => parse(example.query)).not.toThrow();
  // Each a tab of its own name in GraphiQL.
  const names = examples.map((example) => /^(?:query|mutation) (\w+)/m.exec(example.query)?.[1]);
  expect(new Set(names).size).toBe(examples.length);
  expect(examples.map((example) => example.title)).toContain('Paths');
});
