/**
 * Builds the embedded Neo4j's Java launcher (neo4j/) with Maven when its sources changed since the
 * last build: `mvn package` compiles the one class and copies Neo4j's jars from Maven Central
 * (cached in ~/.m2) into neo4j/target/lib. Up to date means a stamp in neo4j/target holds the hash
 * of neo4j/pom.xml and neo4j/src: a `git pull` that changed them builds again, one that did not (or
 * a fresh worktree, whose files are all new) does not.
 *
 * Used by scripts/build.mjs (at install and before every command, beside the TypeScript build) and,
 * as `node scripts/launcher.mjs`, by src/core/db/embedded.ts before it starts the JVM. Every wait
 * shows progress: what Maven has downloaded so far (files and MB), or the time spent building.
 *
 * As a command: progress on stdout; when Maven is missing, one line on stderr and exit 3; when the
 * build fails, Maven's last output on stderr and exit 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcherDir = path.join(root, 'neo4j');
const pom = path.join(launcherDir, 'pom.xml');
const targetDir = path.join(launcherDir, 'target');
const stampFile = path.join(targetDir, 'coopgraph-launcher.sha256');
const builtClass = path.join(targetDir, 'classes/org/coopgraph/neo4j/Launcher.class');
const jarDir = path.join(targetDir, 'lib');

export const mavenMissingExitCode = 3;

/** Every file below `dir`, relative to the project root, in name order. */
function filesBelow(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** The hash of what the launcher is built from: its pom and its Java sources. */
export function launcherSourceHash() {
  const hash = createHash('sha256');
  for (const file of [pom, ...filesBelow(path.join(launcherDir, 'src'))]) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when the class and the jars are there and were built from the sources as they are now. */
export function launcherIsBuilt() {
  if (!fs.existsSync(builtClass) || !fs.existsSync(jarDir) || fs.readdirSync(jarDir).length === 0) return false;
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === launcherSourceHash();
}

const units = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** Maven's "Downloaded from central: <url> (1.2 MB at 3.4 MB/s)": the bytes of one file, or null for any other line. */
export function downloadedBytes(line) {
  const match = /Downloaded from [^:]+: \S+ \(([\d.]+) (B|kB|KB|MB|GB)/.exec(line);
  return match ? Number(match[1]) * units[match[2]] : null;
}

const seconds = (ms) => `${Math.round(ms / 1000)} s`;
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Runs `mvn package`; `say` gets a progress line every 5 s. Rejects with Maven's last output when it fails. */
function runMaven(say) {
  const started = Date.now();
  const downloads = { files: 0, bytes: 0 };
  const output = [];
  const progress = () =>
    downloads.files > 0
      ? `Neo4j launcher: downloading Neo4j's jars and Maven's plugins from Maven Central (first run: about 165 MB), ${downloads.files} files, ${megabytes(downloads.bytes)} so far, ${seconds(Date.now() - started)}`
      : `Neo4j launcher: building with Maven, ${seconds(Date.now() - started)}`;
  const timer = setInterval(() => say(progress()), 5000);
  return new Promise((resolve, reject) => {
    // Not -q: its "Downloaded from" lines are the download's progress. -B: no colour codes.
    const mvn = spawn('mvn', ['-B', '-f', pom, 'package', '-DskipTests'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const read = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        const bytes = downloadedBytes(line);
        if (bytes !== null) [downloads.files, downloads.bytes] = [downloads.files + 1, downloads.bytes + bytes];
        output.push(line);
        if (output.length > 60) output.shift();
      }
    };
    mvn.stdout.on('data', read);
    mvn.stderr.on('data', read);
    mvn.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    mvn.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`building the Neo4j launcher failed (mvn exit ${code}):\n${output.join('\n')}`));
      const fetched = downloads.files > 0 ? ` (${downloads.files} files, ${megabytes(downloads.bytes)} downloaded)` : '';
      resolve(`Neo4j launcher: built in ${((Date.now() - started) / 1000).toFixed(1)} s${fetched}`);
    });
  });
}

/**
 * Builds the launcher unless it is up to date; `say` gets the progress lines. Resolves with what
 * was done ("up to date", or the build's time and download), rejects when Maven is missing
 * (`error.mavenMissing`) or fails.
 */
export async function buildLauncher(say) {
  if (launcherIsBuilt()) return 'Neo4j launcher: up to date';
  const mvn = spawnSync('mvn', ['-v'], { stdio: 'ignore' });
  if (mvn.error !== undefined || mvn.status !== 0) {
    throw Object.assign(new Error('Maven (mvn) was not found: install Java 17+ and Maven, or set NEO4J_URI to an existing Neo4j'), {
      mavenMissing: true,
    });
  }
  say("Neo4j launcher: building with Maven (the first build downloads Neo4j's jars and Maven's plugins, about 165 MB)");
  const done = await runMaven(say);
  fs.writeFileSync(stampFile, `${launcherSourceHash()}\n`);
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildLauncher((line) => process.stdout.write(`${line}\n`)).then(
    (done) => process.stdout.write(`${done}\n`),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.mavenMissing ? mavenMissingExitCode : 1);
    },
  );
}
