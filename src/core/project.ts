/** Where the project's own files (schema/, seeds/, neo4j/) are: src/ and dist/src/ both sit below the root. */
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
