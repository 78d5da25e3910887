/**
 * scripts/build.mjs, the build every command runs first: a step runs when its inputs' contents
 * changed or its output is missing, and only then. Run here on a small project of its own whose
 * codegen, tsc and vite are stand-ins that note each run, so what is asserted is which steps ran.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/project';

/** A stand-in for a build tool: notes its name in $BUILD_LOG, makes its output; `fail` makes it exit 1 instead. */
const tool = (name: string, output: string[]) =>
  `#!/bin/sh\nif [ -e "$BUILD_FAIL_${name}" ]; then exit 1; fi\necho ${name} >> "$BUILD_LOG"\n${output.map((file) => `mkdir -p "$(dirname ${file})" && echo built > ${file}`).join('\n')}\n`;

const files: Record<string, string> = {
  'package-lock.json': '{}',
  'codegen.ts': "import { types } from './src/core/model/registry';\nexport default types;\n",
  'src/core/model/registry.ts': "export const types = ['Agency'];\n",
  'src/app/main.ts': "import { types } from '../core/model/registry';\nconsole.log(types);\n",
  'schema/agency.graphql': 'type Agency { id: ID! }\n',
  'examples/client.ts': 'export {};\n',
  'explorer/index.html': '<!doctype html>\n',
  'README.md': '# A project\n',
  'tsconfig.json': '{}',
  'tsconfig.build.json': '{}',
  'node_modules/.bin/graphql-codegen': tool('codegen', ['src/generated/graphql.ts', 'examples/generated/graphql.ts']),
  'node_modules/.bin/tsc': tool('tsc', ['dist/src/app/main.js']),
  'node_modules/.bin/vite': tool('vite', ['dist/explorer/index.html']),
};

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-build-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text, { mode: file.startsWith('node_modules/.bin/') ? 0o755 : 0o644 });
  }
  fs.mkdirSync(path.join(root, 'scripts'));
  for (const script of ['build.mjs', 'launcher.mjs'])
    fs.copyFileSync(path.join(projectRoot, 'scripts', script), path.join(root, 'scripts', script));
  return root;
}

/** Runs the build; returns the tools that ran, in order, its stderr and its exit code. */
function build(root: string, args: string[] = [], env: Record<string, string> = {}) {
  const log = path.join(root, 'build.log');
  fs.rmSync(log, { force: true });
  const run = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    // NEO4J_URI set: no embedded Neo4j, so no launcher to build.
    env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', BUILD_LOG: log, ...env },
  });
  const ran = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { ran, stderr: run.stderr, status: run.status };
}

const edit = (root: string, file: string, text: string) => fs.writeFileSync(path.join(root, file), text);

test('a fresh checkout builds every step; run again, nothing, and it says so', () => {
  const root = project();
  const first = build(root);
  expect(first.status).toBe(0);
  // Codegen then tsc in a row; the pages beside them.
  expect(first.ran.filter((step) => step !== 'vite')).toEqual(['codegen', 'tsc']);
  expect(first.ran).toContain('vite');
  expect(first.stderr).toContain('build: codegen, GraphQL types (graphql-codegen) (not built yet)...');
  expect(first.stderr).toMatch(/build: tsc, TypeScript \(tsc\) \(not built yet\): done in [\d.]+ s/);
  const again = build(root);
  expect(again).toEqual({
    ran: [],
    status: 0,
    stderr: expect.stringMatching(/^build: up to date \(codegen, tsc, pages: nothing changed\), [\d.]+ s\n$/),
  });
});

test('a changed source runs the steps it feeds, and only those', () => {
  const root = project();
  build(root);
  edit(root, 'src/app/main.ts', 'console.log(1);\n');
  expect(build(root).ran).toEqual(['tsc']);
  // codegen.ts imports the registry: the types are generated again, then compiled.
  edit(root, 'src/core/model/registry.ts', "export const types = ['Agency', 'Country'];\n");
  expect(build(root).ran).toEqual(['codegen', 'tsc']);
  edit(root, 'schema/agency.graphql', 'type Agency { id: ID! name: String }\n');
  expect(build(root).ran).toEqual(['codegen']);
  edit(root, 'README.md', '# A project, described\n');
  expect(build(root).ran).toEqual(['vite']);
  // A dependency upgraded (package-lock.json) builds everything.
  edit(root, 'package-lock.json', '{"lockfileVersion": 3}');
  expect(build(root).ran.sort()).toEqual(['codegen', 'tsc', 'vite']);
});

test('contents, not times: the same bytes written again build nothing; a missing output builds its step', () => {
  const root = project();
  build(root);
  edit(root, 'README.md', files['README.md']!);
  edit(root, 'src/app/main.ts', files['src/app/main.ts']!);
  expect(build(root).ran).toEqual([]);
  fs.rmSync(path.join(root, 'dist/explorer'), { recursive: true });
  expect(build(root).ran).toEqual(['vite']);
  expect(build(root, ['--force']).ran.sort()).toEqual(['codegen', 'tsc', 'vite']);
});

test('a failed step fails the build and runs again next time; the steps before it stay built', () => {
  const root = project();
  build(root);
  edit(root, 'src/app/main.ts', 'console.log(2);\n');
  const marker = path.join(root, 'fail-tsc');
  fs.writeFileSync(marker, '');
  const failed = build(root, [], { BUILD_FAIL_tsc: marker });
  expect(failed.status).toBe(1);
  expect(failed.stderr).toMatch(/build: tsc, TypeScript \(tsc\) \(sources changed\): failed after [\d.]+ s/);
  expect(failed.stderr).toContain('build: tsc failed (exit 1)');
  expect(build(root).ran).toEqual(['tsc']);
});

test('without the build tools (npm install --omit=dev): a built dist/ is used as it is, a missing one is an error', () => {
  const root = project();
  build(root);
  fs.rmSync(path.join(root, 'node_modules'), { recursive: true });
  const built = build(root);
  expect(built).toMatchObject({ ran: [], status: 0 });
  expect(built.stderr).toContain('dist/ is used as it is');
  fs.rmSync(path.join(root, 'dist'), { recursive: true });
  const unbuilt = build(root);
  expect(unbuilt.status).toBe(1);
  expect(unbuilt.stderr).toBe(
    'build: dist/ is not built and the build tools are not installed: run npm install (with the dev dependencies)\n',
  );
});
