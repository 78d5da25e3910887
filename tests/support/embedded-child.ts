/**
 * Run as a child process by the service tests: starts the embedded Neo4j like `npm start`
 * does, prints the JVM's pid, then waits to be killed — so a test can SIGKILL this parent and
 * check the JVM does not outlive it.
 */
import { loadConfig } from '../../src/app/config';
import { startEmbeddedNeo4j } from '../../src/core/db/embedded';
import { silentLogger } from '../../src/core/logger';

const config = loadConfig();
startEmbeddedNeo4j({ ...config.embedded, boltPort: Number(process.argv[2]), dataDir: process.argv[3]! }, silentLogger).then(
  (neo4j) => {
    process.stdout.write(`java-pid ${neo4j.pid}\n`);
    setInterval(() => undefined, 60000);
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
