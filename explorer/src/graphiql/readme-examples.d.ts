/** README's ```graphql blocks (build/readme-plugin.ts). */
declare module 'virtual:readme-examples' {
  const examples: { title: string; query: string }[];
  export default examples;
}
