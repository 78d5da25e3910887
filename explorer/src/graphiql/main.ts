/**
 * GraphiQL from its npm package, bundled (Monaco and its workers included): the IDE and the
 * schema it reads come from this service only. The docs' example queries (README's tour, docs/reference/graphql-api.md) open as tabs, each named for the question it answers.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import examples from 'virtual:readme-examples';

/** POST /graphql on this origin, as any client does. */
const fetcher: GraphiQLProps['fetcher'] = async (params) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return response.json();
};

const defaultTabs = examples.map((example) => ({ query: example.query }));

createRoot(document.getElementById('graphiql')!).render(createElement(GraphiQL, { fetcher, defaultTabs }));
