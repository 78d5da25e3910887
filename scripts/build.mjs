/**
 * The build, incremental: `npm install` runs it (prepare), and so do `npm start`, `import`, `token`,
 * `extract`, `example` and the benchmarks before they run. A step runs only when the hash of its
 * inputs differs from the one recorded in dist/.build-stamp.json after its last success, or its
 * output is missing; nothing changed, nothing runs, and the command starts at once. After a
 * `git pull` that changed sources, the steps they feed run again. Hashes of contents, not times:
 * a checkout that rewrites files with the same bytes builds nothing.
 *
 *   codegen  src/generated/, examples/generated/  from schema/*.graphql, what codegen.ts imports, examples/*.ts
 *   tsc      dist/src, dist/bench, dist/examples  from src/, bench/, examples/ (.ts, .json) and the tsconfigs
 *   pages    dist/explorer                        from explorer/, README.md and docs/
 *   launcher neo4j/target                         from neo4j/pom.xml and neo4j/src (scripts/launcher.mjs)
 *
 * Every step also depends on package-lock.json (a dependency upgraded builds again). codegen then
 * tsc run in a row; the pages and the launcher (mostly a download, on a fresh clone) run beside
 * them. Every wait prints progress: a line when a step starts, its elapsed time every 5 s, its time
 * when done. The launcher is skipped with NEO4J_URI set (no embedded Neo4j), and its failure only
 * warns: the embedded Neo4j builds it again, and says why, when it starts.
 *
 * Options: --force runs every TypeScript step whatever the stamps say.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLauncher } from './launcher.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist/.build-stamp.json');
const code = /\.(ts|json)$/;

/** Files below `dir` (relative to the root) whose names match `accept`, skipping folders named in `skip`, in name order. */
function filesBelow(dir, accept = /./, skip = []) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return skip.includes(entry.name) || entry.name === 'node_modules' ? [] : filesBelow(relative, accept, skip);
      return accept.test(entry.name) ? [relative] : [];
    })
    .sort();
}

/** `file` and every project file it imports, directly or not (relative imports only: packages are package-lock.json's). */
function withLocalImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  for (const [, specifier] of text.matchAll(/(?:from|import|require\()\s*'(\.\.?\/[^']+)'/g)) {
    const base = path.join(path.dirname(file), specifier);
    const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find(
      (candidate) => fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile(),
    );
    if (found) withLocalImports(found, seen);
  }
  return seen;
}

const steps = [
  {
    name: 'codegen',
    what: 'GraphQL types (graphql-codegen)',
    inputs: () => [
      ...withLocalImports('codegen.ts'),
      ...filesBelow('schema', /\.graphql$/),
      ...filesBelow('examples', /\.ts$/, ['generated']),
    ],
    outputs: ['src/generated/graphql.ts', 'examples/generated/graphql.ts'],
    command: ['graphql-codegen', '--config', 'codegen.ts'],
  },
  {
    name: 'tsc',
    what: 'TypeScript (tsc)',
    inputs: () => [
      ...filesBelow('src', code),
      ...filesBelow('bench', code, ['tmp', 'results']),
      ...filesBelow('examples', code),
      'tsconfig.json',
      'tsconfig.build.json',
    ],
    outputs: ['dist/src/app/main.js'],
    command: ['tsc', '-p', 'tsconfig.build.json'],
  },
  {
    name: 'pages',
    what: 'browser pages (vite)',
    inputs: () => [...filesBelow('explorer'), 'README.md', ...filesBelow('docs')],
    outputs: ['dist/explorer/index.html'],
    command: ['vite', 'build', '--config', 'explorer/vite.config.ts', '--logLevel', 'warn'],
  },
];

/** The hash of the step's inputs (paths and contents) and of package-lock.json. */
function inputHash(step) {
  const hash = createHash('sha256');
  for (const file of [...new Set([...step.inputs(), 'package-lock.json'])].sort()) {
    const full = path.join(root, file);
    hash.update(file).update('\0');
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamps() {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

const say = (line) => process.stderr.write(`${line}\n`);
const elapsed = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Runs `label`'s work with a line when it starts, its elapsed time every 5 s, and its time when done or failed. */
async function withProgress(label, work) {
  const started = Date.now();
  say(`build: ${label}...`);
  const timer = setInterval(() => say(`build: ${label}... ${Math.round((Date.now() - started) / 1000)} s`), 5000);
  try {
    const result = await work();
    say(`build: ${label}: done in ${elapsed(started)}`);
    return result;
  } catch (error) {
    say(`build: ${label}: failed after ${elapsed(started)}`);
    throw error;
  } finally {
    clearInterval(timer);
  }
}

/** Runs a tool from node_modules/.bin; its own output goes to the terminal. */
function run([tool, ...args]) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin', tool), args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (exitCode) => (exitCode === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${exitCode})`))));
  });
}

/** Why `step` must run ("sources changed", "not built yet"), or null when it is up to date. */
function reasonToRun(step, hash, stamps, force) {
  if (force) return 'forced';
  if (step.outputs.some((output) => !fs.existsSync(path.join(root, output)))) return 'not built yet';
  return stamps[step.name] === hash ? null : 'sources changed';
}

/** Runs the steps named, in order, each only when it must; returns the names of those that ran. */
async function runSteps(names, force) {
  const ran = [];
  for (const step of steps.filter((candidate) => names.includes(candidate.name))) {
    const hash = inputHash(step);
    const reason = reasonToRun(step, hash, readStamps(), force);
    if (reason === null) continue;
    await withProgress(`${step.name}, ${step.what} (${reason})`, () => run(step.command));
    // Read again: a step beside this one may have written its own stamp meanwhile.
    const stamps = readStamps();
    // The hash of the inputs as they were when the step started: a file edited during the build builds again next time.
    fs.mkdirSync(path.dirname(stampFile), { recursive: true });
    fs.writeFileSync(stampFile, `${JSON.stringify({ ...stamps, [step.name]: hash }, null, 2)}\n`);
    ran.push(step.name);
  }
  return ran;
}

/** The launcher beside the TypeScript build; a failure is a warning (the embedded Neo4j tries again and explains). */
async function launcherStep() {
  if (process.env.NEO4J_URI) return;
  try {
    const done = await buildLauncher(say);
    if (done !== 'Neo4j launcher: up to date') say(done);
  } catch (error) {
    say(`Neo4j launcher: not built: ${error.message.split('\n')[0]} (the embedded Neo4j tries again when it starts)`);
  }
}

/** With no build tools (npm install --omit=dev), dist/ as it is must do. */
function toolsInstalled() {
  if (fs.existsSync(path.join(root, 'node_modules/.bin/tsc'))) return true;
  const built = steps.every((step) => step.outputs.every((output) => fs.existsSync(path.join(root, output))));
  if (!built) throw new Error('dist/ is not built and the build tools are not installed: run npm install (with the dev dependencies)');
  say('build: the build tools are not installed (npm install --omit=dev): dist/ is used as it is');
  return false;
}

async function main() {
  const started = Date.now();
  const force = process.argv.includes('--force');
  const tools = toolsInstalled();
  // Settled, not raced: a failed step leaves no tool beside it running on after the build has exited.
  const outcomes = await Promise.allSettled([
    tools ? runSteps(['codegen', 'tsc'], force) : [],
    tools ? runSteps(['pages'], force) : [],
    launcherStep(),
  ]);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  const ran = outcomes.flatMap((outcome) => outcome.value ?? []);
  if (ran.length === 0) say(`build: up to date (codegen, tsc, pages: nothing changed), ${elapsed(started)}`);
  else say(`build: ${ran.join(', ')} built in ${elapsed(started)}`);
}

main().catch((error) => {
  say(`build: ${error.message}`);
  process.exit(1);
});
