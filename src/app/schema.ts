/** Reads the SDL from schema/*.graphql: the API's source of truth, the same files codegen reads. */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config';

export function loadTypeDefs(schemaDir = path.join(projectRoot, 'schema')): string {
  return fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'))
    .join('\n');
}
