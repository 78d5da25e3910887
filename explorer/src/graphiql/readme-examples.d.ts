/** The ```graphql blocks of README's tour and docs/reference/graphql-api.md (build/docs-plugin.ts). */
declare module 'virtual:readme-examples' {
  const examples: { title: string; query: string }[];
  export default examples;
}
