/**
 * `npm run token -- create --role editor --name alice` | `list` | `revoke <id>`: API keys for
 * the GraphQL API. A new key's token is printed once, on stdout, and never again: only the hash
 * of its secret is stored (app/plugins/auth/api-keys.ts). `list` shows ids, names, roles and
 * dates, never a token or a hash. Revoking keeps the key's record, marked with when.
 */
import { loadConfig } from './config';
import { openDatabase } from '../core/db/connection';
import { migrate } from '../core/db/migrations';
import { createLogger } from '../core/logger';
import { commandErrorText, debugErrorsFromEnv } from '../core/errors';
import { isRole, roles } from '../core/auth/roles';
import type { QueryRunner } from '../core/db/database';
import { ApiKeyRepository, type ApiKeyRecord } from '../features/auth/auth.repository';
import { issueKey } from './plugins/auth/api-keys';

export const tokenUsage = `usage:
  npm run token -- create --role <${roles.join('|')}> --name <name>
  npm run token -- list
  npm run token -- revoke <id>
`;

/** The value after `--flag` (or in `--flag=value`); undefined when absent. */
function option(args: readonly string[], flag: string): string | undefined {
  const inline = args.find((arg) => arg.startsWith(`${flag}=`));
  if (inline !== undefined) return inline.slice(flag.length + 1);
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

const describe = (key: ApiKeyRecord) =>
  `${key.id}  ${key.role.padEnd(6)}  ${key.name}  created ${key.created}${key.revokedAt ? `  REVOKED ${key.revokedAt}` : ''}`;

/** Runs one token command against `db`; `out` gets stdout lines, `err` stderr lines. Returns the exit code. */
export async function runTokenCommand(
  args: readonly string[],
  db: QueryRunner,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const [command, ...rest] = args;
  const keys = new ApiKeyRepository(db);
  if (command === 'create') {
    const role = option(rest, '--role');
    const name = option(rest, '--name');
    if (!isRole(role)) {
      err(`--role must be one of ${roles.join(', ')}${role === undefined ? '' : `, got "${role}"`}`);
      return 2;
    }
    if (name === undefined || !/^[\p{L}\p{N} ._@:-]{1,100}$/u.test(name)) {
      err('--name must be 1 to 100 letters, digits, spaces or ._@:- (who or what the key is for)');
      return 2;
    }
    const issued = issueKey();
    const key = await keys.create({ id: issued.id, name, role, hash: issued.hash });
    err(`Created API key ${key.id} (${key.role}) for ${key.name}. The token below is shown only this once; store it now:`);
    out(issued.token);
    return 0;
  }
  if (command === 'list' && rest.length === 0) {
    const all = await keys.list();
    if (all.length === 0) err('No API keys yet: npm run token -- create --role editor --name <name>');
    for (const key of all) out(describe(key));
    return 0;
  }
  if (command === 'revoke' && rest.length === 1) {
    const revoked = await keys.revoke(rest[0]!);
    if (!revoked) {
      err(`No API key with id "${rest[0]}" (npm run token -- list shows them)`);
      return 1;
    }
    out(describe(revoked));
    return 0;
  }
  err(tokenUsage);
  return 2;
}

async function main(args: string[]): Promise<number> {
  // No Neo4j is started only to print the usage.
  if (!['create', 'list', 'revoke'].includes(args[0] ?? '')) {
    process.stderr.write(tokenUsage);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  try {
    // The ApiKey constraint comes with the migrations: a fresh database gets it here too.
    await migrate(database.db.withTimeout(config.importTimeoutMs), log);
    return await runTokenCommand(
      args,
      database.db,
      (line) => process.stdout.write(`${line}\n`),
      (line) => process.stderr.write(`${line}\n`),
    );
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`token: ${commandErrorText(error, { debug: debugErrorsFromEnv() })}\n`);
      process.exit(1);
    },
  );
}
