/**
 * `npm run bench:import -- [--facts 100000]`: how fast a large source bundle is imported,
 * through the CLI (`npm run import`, a child process on the same Neo4j) and through the API
 * (importBundle over HTTP with an editor key), each with a bundle of its own so both create
 * every fact. A fact is one entity or one relation. Prints facts per second for each, and for
 * sending the API's bundle again (unchanged: recognised by its content hash, nothing written).
 * The CLI writes a bundle over IMPORT_TRANSACTION_ROWS as an import run; the API in one
 * transaction, which fails (and is reported so) past the Neo4j's transaction memory.
 *
 * Env: NEO4J_BOLT_PORT (default 7723) and NEO4J_DATA_DIR (default .data/bench-import) for the
 * embedded Neo4j, whose imported facts are deleted at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/app/config';
import { issueKey } from '../src/app/plugins/auth/api-keys';
import { startServer } from '../src/app/server';
import { embeddedPassword, openDatabase } from '../src/core/db/connection';
import type { Database } from '../src/core/db/database';
import { migrate } from '../src/core/db/migrations';
import { createLogger } from '../src/core/logger';
import { ApiKeyRepository } from '../src/features/auth/auth.repository';
import { defaultCuration } from '../src/features/curation/curation.resolvers';
import type { Bundle } from '../src/ingest/bundle';
import { loadSeeds } from '../src/ingest/seeds';

const countries = ['AF', 'AZ', 'UG', 'PK', 'ET', 'ID', 'RW', 'KE', 'UZ', 'ME'];

/**
 * A bundle of about `facts` facts: per unit two agencies based in a country, a memorandum they
 * are party to and a training under it, provided by one and given to the other (11 facts).
 */
export function generatedBundle(slug: string, facts: number): Bundle {
  const entities: Bundle['entities'] = [];
  const relations: Bundle['relations'] = [];
  for (let i = 0; i < Math.ceil(facts / 11); i++) {
    const [a, b, m, t] = [`agency:${slug}-${i}a`, `agency:${slug}-${i}b`, `memorandum:${slug}-${i}`, `training:${slug}-${i}`];
    entities.push(
      { id: a, type: 'Agency', name: `Agency ${i} A ${slug}`, quotes: [], attributes: { kind: 'GOVERNMENT_AGENCY' } },
      { id: b, type: 'Agency', name: `Agency ${i} B ${slug}`, quotes: [], attributes: { kind: 'MINISTRY' } },
      {
        id: m,
        type: 'Memorandum',
        name: `Memorandum ${i} ${slug}`,
        quotes: [],
        attributes: { kind: 'MOU', signed: `${2010 + (i % 15)}-0${1 + (i % 9)}` },
      },
      {
        id: t,
        type: 'Training',
        name: `Training ${i} ${slug}`,
        quotes: [],
        attributes: { count: { value: 1 + (i % 40), qualifier: 'ABOUT', unit: 'sessions' } },
      },
    );
    relations.push(
      { type: 'BASED_IN', from: a, to: `country:${countries[i % countries.length]}`, quotes: [] },
      { type: 'BASED_IN', from: b, to: `country:${countries[(i + 3) % countries.length]}`, quotes: [] },
      { type: 'PARTY_TO', from: a, to: m, quotes: [] },
      { type: 'PARTY_TO', from: b, to: m, quotes: [] },
      { type: 'UNDER', from: t, to: m, quotes: [] },
      { type: 'PROVIDED_BY', from: t, to: a, quotes: [] },
      { type: 'TRAINED', from: t, to: b, quotes: [] },
    );
  }
  return {
    format: 'coopgraph-bundle/1',
    source: {
      id: `source:${slug}`,
      title: `Generated import-rate source ${slug}`,
      publisher: 'coopgraph bench',
      language: 'en',
      url: null,
      text: null,
    },
    entities,
    relations,
  };
}

const factsOf = (bundle: Bundle) => bundle.entities.length + bundle.relations.length;

/** Runs `npm run import`'s compiled entry on the bench Neo4j; resolves with the wall time in seconds. */
function cliImport(file: string, uri: string, password: string): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '../src/app/import.js'), file], {
      env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: password, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e9) : reject(new Error(`npm run import exited ${code}`)),
    );
  });
}

async function apiImport(url: string, token: string, bundle: Bundle): Promise<{ seconds: number; answer: unknown }> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($b: JSON!) { importBundle(bundle: $b) { unchanged entities { type created } relations { type created } } }',
      variables: { b: bundle },
    }),
  });
  const answer = await response.json();
  if (!response.ok || (answer as { errors?: unknown }).errors)
    throw new Error(`importBundle failed (${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, answer };
}

async function cleanUp(db: Database, slugs: string[]): Promise<void> {
  for (const slug of slugs) {
    for (;;) {
      const rows = await db.write(
        'MATCH (e:Entity) WHERE e.id CONTAINS $slug WITH e LIMIT 10000 DETACH DELETE e RETURN count(*) AS deleted',
        { slug },
      );
      if ((rows[0]!.deleted as number) === 0) break;
    }
    await db.write('MATCH (s:Source {id: $id}) DETACH DELETE s', { id: `source:${slug}` });
    await db.write('MATCH (c:Claim) WHERE c.subjectId CONTAINS $slug DELETE c', { slug });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const facts = Number(argv[argv.indexOf('--facts') + 1] ?? 100_000) || 100_000;
  const base = loadConfig();
  const dataDir = path.resolve(process.env.NEO4J_DATA_DIR ?? '.data/bench-import');
  const config = {
    ...base,
    neo4j: { ...base.neo4j, uri: undefined },
    embedded: { ...base.embedded, dataDir, boltPort: process.env.NEO4J_BOLT_PORT ? base.embedded.boltPort : 7723 },
  };
  const log = createLogger(config.logLevel);
  // It writes generated facts: never into the database of a running service.
  const database = await openDatabase(config, log, { runningService: 'refuse' });
  const db = database.db.withTimeout(config.importTimeoutMs);
  const run = Date.now().toString(36);
  const slugs = [`rate-cli-${run}`, `rate-api-${run}`];
  const server = await startServer(
    { db, log, curation: { ...defaultCuration, maxBundleBytes: 1024 * 1024 * 1024 }, maxBodyBytes: 1024 * 1024 * 1024 },
    { host: '127.0.0.1', port: 0 },
  );
  try {
    await migrate(db, log);
    await loadSeeds(db, config.seedsDir, log);
    const key = issueKey();
    await new ApiKeyRepository(db).create({ id: key.id, name: 'bench import-rate', role: 'editor', hash: key.hash });

    const cliBundle = generatedBundle(slugs[0]!, facts);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-rate-')), 'bundle.json');
    fs.writeFileSync(file, JSON.stringify(cliBundle));
    log.info(`CLI: importing ${factsOf(cliBundle).toLocaleString('en-US')} facts (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
    const cliSeconds = await cliImport(file, `bolt://127.0.0.1:${config.embedded.boltPort}`, embeddedPassword(dataDir));
    const rate = (seconds: number) =>
      `${seconds.toFixed(1)} s, ${Math.round(factsOf(cliBundle) / seconds).toLocaleString('en-US')} facts/s`;
    const rows = cliBundle.entities.length + cliBundle.relations.length;
    process.stdout.write(
      [
        `facts per bundle: ${factsOf(cliBundle).toLocaleString('en-US')} (${cliBundle.entities.length.toLocaleString('en-US')} entities, ${cliBundle.relations.length.toLocaleString('en-US')} relations)`,
        `CLI (npm run import, process start and connect included; ${rows > config.importTransactionRows ? 'an import run, a transaction per batch' : 'one transaction'}): ${rate(cliSeconds)}`,
        '',
      ].join('\n'),
    );

    // One transaction: past the Neo4j's transaction memory it fails, which is reported, not thrown.
    const apiBundle = generatedBundle(slugs[1]!, facts);
    log.info(`API: importing ${factsOf(apiBundle).toLocaleString('en-US')} facts`);
    try {
      const api = await apiImport(server.url, key.token, apiBundle);
      const again = await apiImport(server.url, key.token, apiBundle);
      process.stdout.write(
        `API (importBundle over HTTP, one transaction): ${rate(api.seconds)}\nAPI, the same bundle again (unchanged, nothing written): ${again.seconds.toFixed(1)} s\n`,
      );
    } catch (error) {
      process.stdout.write(`API (importBundle over HTTP, one transaction): failed: ${(error as Error).message.slice(0, 300)}\n`);
    }
  } finally {
    await cleanUp(db, slugs).catch((error: Error) => log.error(`clean-up failed: ${error.message}`));
    await server.stop();
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
