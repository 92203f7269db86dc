/** Ends the output with the plain `N passed, N failed, N skipped` line CI reads. */
import type { Reporter, TestSuiteResult } from '@web/test-runner';

export function summaryReporter(): Reporter {
  return {
    onTestRunFinished({ sessions }) {
      const count = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite: TestSuiteResult | undefined) => {
        if (!suite) return;
        for (const test of suite.tests) {
          if (test.skipped) count.skipped++;
          else if (test.passed) count.passed++;
          else count.failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        walk(session.testResults);
        // A file that failed to load has no results but must not count as green.
        if (!session.testResults && !session.passed) count.failed++;
      }
      console.log(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
    },
  };
}
