/**
 * The browser pages, built by Vite into dist/explorer (beside the compiled server, so they ship
 * with the package): the landing page (/ and /graphql from a browser), the explorer (/explore),
 * GraphiQL (/graphiql), the documentation, docs/ and README rendered (/docs and /docs/<page>),
 * and the review of a draft bundle (/review). Every library is bundled: the pages load nothing
 * from outside the service. src/app/pages serves this folder.
 */
import path from 'node:path';
import { defineConfig } from 'vite';
import { docsPlugin } from './build/docs-plugin.ts';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  // Absolute asset URLs: /explore and /explore/ load the same files.
  base: '/',
  plugins: [docsPlugin(path.resolve(here, '..'))],
  build: {
    outDir: path.resolve(here, '../dist/explorer'),
    emptyOutDir: true,
    // Monaco (GraphiQL's editor) is one large chunk by design; it loads on /graphiql only.
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      // React libraries mark their modules "use client", which means nothing in a plain bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
      input: {
        landing: path.resolve(here, 'index.html'),
        explore: path.resolve(here, 'explore/index.html'),
        graphiql: path.resolve(here, 'graphiql/index.html'),
        docs: path.resolve(here, 'docs/index.html'),
        review: path.resolve(here, 'review/index.html'),
      },
    },
  },
  worker: { format: 'es' },
});
