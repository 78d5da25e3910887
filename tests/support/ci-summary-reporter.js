/**
 * A jest reporter for .ci/run: writes {passed, failed, skipped} as JSON to the file named by
 * JEST_CI_SUMMARY (jest.config.js adds this reporter only when that variable is set).
 *
 * Why not parse jest's "Tests:" line: a suite that fails to load (a syntax error, an import
 * that throws, a failing afterAll) runs no test, so that line never counts it. Jest's
 * aggregate has the number of such suites; each counts as one failed test here. Skipped
 * covers both skipped and todo tests.
 *
 * Plain CommonJS: jest loads reporters without its transform.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a reporter jest loads untransformed is CommonJS
const fs = require('node:fs');

class CiSummaryReporter {
  constructor(_globalConfig, options) {
    this.file = options.file;
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(this.file, `${JSON.stringify(summary)}\n`);
  }
}

module.exports = CiSummaryReporter;
