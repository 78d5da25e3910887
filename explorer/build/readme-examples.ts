/**
 * The example queries README.md shows as ```graphql blocks, for GraphiQL's tabs: one block is
 * one example, titled by its first line when that is a comment (`# Kabul's centre`). README
 * stays the one place the examples are written.
 */
export interface ReadmeExample {
  title: string;
  query: string;
}

const graphqlBlock = /^```graphql\n([\s\S]*?)^```$/gm;

export function readmeExamples(markdown: string): ReadmeExample[] {
  return [...markdown.matchAll(graphqlBlock)].map((match, index) => {
    const query = (match[1] ?? '').trimEnd();
    const heading = /^#\s*(.+)$/.exec(query.split('\n', 1)[0] ?? '');
    return { title: heading?.[1]?.trim() ?? `Example ${index + 1}`, query };
  });
}
