/**
 * The API's SDL: schema/*.graphql, the source of truth, plus the SDL derived from the model
 * registry (derivedTypeDefs). codegen.ts reads the same two, so the generated types and the
 * schema the server serves cannot differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/project';
import { listAnalyticsTypeDefs } from '../features/analytics/list-analytics.sdl';

/** SDL written per registry entity type by code rather than by hand (the analytics fields of every list connection). */
export function derivedTypeDefs(): string {
  return listAnalyticsTypeDefs();
}

export function loadTypeDefs(schemaDir = path.join(projectRoot, 'schema')): string {
  const files = fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'));
  return [...files, derivedTypeDefs()].join('\n');
}
