// Each test file's own hub; files that only read use the run's shared one (shared-hub.ts).
export { startTestHub, type TestHub } from '../src/testing/index.js';
