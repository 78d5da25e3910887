/**
 * Import rules `npm run lint` enforces with dependency-cruiser (eslint.config.mjs keeps the layer
 * rules app → features → core). Cycles are forbidden at two grains:
 *  - between modules anywhere in src/ (a file that ends up importing itself);
 *  - between folders: a feature never imports a feature that imports it back, and inside core the
 *    order is model ← cypher ← graphql, with db beside them.
 */
const core = (folder) => `^src/core/${folder}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      comment: 'A module reaches itself through its imports: move the shared part into a module both can import.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment:
        'Two folders import each other (a feature and another feature, or two parts of core): move what both need down into core, or pass it in from the app.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-model-is-the-bottom',
      comment: 'core/model is the bottom of core: it imports no cypher, graphql or db.',
      severity: 'error',
      from: { path: core('model') },
      to: { path: [core('cypher'), core('graphql'), core('db')] },
    },
    {
      name: 'core-cypher-below-graphql',
      comment: 'core/cypher builds statements from the model; it never imports core/graphql (graphql sits above cypher).',
      severity: 'error',
      from: { path: core('cypher') },
      to: { path: [core('graphql')] },
    },
    {
      name: 'core-db-beside',
      comment: 'core/db runs statements; it imports the model at most, never cypher or graphql.',
      severity: 'error',
      from: { path: core('db') },
      to: { path: [core('cypher'), core('graphql')] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
