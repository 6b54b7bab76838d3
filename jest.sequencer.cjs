// The order of the test files: Jest's own (failed first, then longest first by the last run's
// timings, else largest file first), except that the files known to take longest always start
// first. A clean clone has no timings, and a long file that started late kept one worker busy
// alone at the end: the fuzz suite started 142 s into a 213 s run on the PostgreSQL server.
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST = [
  'gateway/test/fuzz.db.test.ts',
  'web/test/pages.browser.test.ts',
  'gateway/test/distributed-search.db.test.ts',
  'gateway/test/distributed.db.test.ts',
  'subgraphs/kit/test/pglite-folder.db.test.ts',
  'gateway/test/cli.test.ts',
];

class LongestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const at = LONGEST.findIndex((path) => test.path.endsWith(`/${path}`));
      return at < 0 ? LONGEST.length : at;
    };
    // Array.prototype.sort is stable: the rest keep Jest's order.
    return super.sort(tests).sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
