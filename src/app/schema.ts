/**
 * The API's SDL: schema/*.graphql, the source of truth, plus the SDL derived from the model
 * registry (the analytics fields of every list connection). codegen.ts reads it through
 * loadTypeDefs too, so the generated types and the schema the server serves cannot differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/project';
import { entitySpec, entityTypeNames } from '../core/model/registry';
import { listAnalyticsTypeDefs } from '../features/analytics/list-analytics.sdl';

/**
 * Fails, naming the file to write, when a registry entity type has no SDL: the derived SDL extends
 * its connection, and graphql's own message ("Cannot extend type GrantConnection") says nothing of why.
 */
function checkEntityTypesDeclared(fileSdl: string): void {
  const missing = entityTypeNames.filter((type) => !new RegExp(`^type ${type}Connection\\b`, 'm').test(fileSdl));
  if (missing.length > 0)
    throw new Error(
      `schema/: no SDL for the registry entity type(s) ${missing.join(', ')}: write schema/<type>.graphql with ` +
        missing.map((type) => `type ${type}, ${type}Connection and Query.${entitySpec(type).listField}`).join('; ') +
        ' (docs/how-to/add-an-entity-type.md)',
    );
}

export function loadTypeDefs(schemaDir = path.join(projectRoot, 'schema')): string {
  const fileSdl = fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'))
    .join('\n');
  checkEntityTypesDeclared(fileSdl);
  return `${fileSdl}\n${listAnalyticsTypeDefs()}`;
}
