/** The service's version as package.json states it: what the reconciliation manifest reports as serviceVersion. */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/project';

export const serviceVersion = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
