/**
 * The example queries the docs show as ```graphql blocks (README's tour and
 * docs/reference/graphql-api.md), for GraphiQL's tabs: each block is one example, under the
 * heading it sits in, which opens the tab as a comment. An anonymous query (`{ ... }`) is named
 * after that heading, since GraphiQL titles a tab by its operation's name: headings are the
 * questions the examples answer. The docs stay the one place the examples are written.
 */
export interface ReadmeExample {
  title: string;
  query: string;
}

const headingOrBlock = /^#{1,6} +(.+)$|^```graphql\n([\s\S]*?)^```$/gm;

/** "As of a date" -> "AsOfADate": a GraphQL name, at most 48 characters. */
function operationName(title: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? ['Example'];
  const name = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('').slice(0, 48);
  return /^[0-9]/.test(name) ? `Example${name}` : name;
}

export function readmeExamples(markdown: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  const names = new Map<string, number>();
  let heading = 'README';
  for (const [, title, block] of markdown.matchAll(headingOrBlock)) {
    if (title !== undefined) {
      heading = title.replace(/`/g, '').trim();
      continue;
    }
    if (block === undefined) continue;
    const base = operationName(heading);
    const seen = (names.get(base) ?? 0) + 1;
    names.set(base, seen);
    const named = block.startsWith('{') ? `query ${base}${seen > 1 ? seen : ''} ${block.trimEnd()}` : block.trimEnd();
    examples.push({ title: heading, query: `# ${heading}\n${named}\n` });
  }
  return examples;
}

/** The examples of several markdown texts in order, one tab each, their names unique across all. */
export function graphqlExamples(markdowns: string[]): ReadmeExample[] {
  return readmeExamples(markdowns.join('\n\n'));
}
