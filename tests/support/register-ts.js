/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook has to use require */
// Lets a child `node` process run the TypeScript sources directly (used to test CLIs without a build).
const ts = require('typescript');
require.extensions['.ts'] = function compile(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
