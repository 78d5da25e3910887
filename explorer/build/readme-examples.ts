/**
 * The example queries README.md shows as ```graphql blocks, for GraphiQL's tabs: each block is
 * one example, titled by the heading it sits under, which opens the tab as a comment. README
 * stays the one place the examples are written.
 */
export interface ReadmeExample {
  title: string;
  query: string;
}

const headingOrBlock = /^#{1,6} +(.+)$|^```graphql\n([\s\S]*?)^```$/gm;

export function readmeExamples(markdown: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  let heading = 'README';
  for (const [, title, block] of markdown.matchAll(headingOrBlock)) {
    if (title !== undefined) heading = title.replace(/`/g, '').trim();
    else if (block !== undefined) examples.push({ title: heading, query: `# ${heading}\n${block.trimEnd()}\n` });
  }
  return examples;
}
