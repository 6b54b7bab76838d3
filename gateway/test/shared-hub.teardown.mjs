// Jest's global teardown: stops the run's shared hub (shared-hub.setup.mjs), failing the run
// when a test file wrote to it (a record or an audit entry: the files that share it must
// only read) or a write left no audit entry; then removes the run's seeded databases, which
// the test hubs copied (subgraphs/kit/src/testing/seeded.ts). What it cannot remove (no
// build, a database server gone) a later run that seeds in the same place removes once it
// is a day old.
export default async function stopSharedHub() {
  const hub = globalThis.welcomeHubSharedHub;
  let writes = 0;
  try {
    if (hub) writes = await hub.writes();
  } finally {
    try {
      await hub?.close();
    } finally {
      await removeSeededDatabases();
    }
  }
  if (writes > 0)
    throw new Error(`Test files wrote ${writes} rows to the shared hub; the files that share it must only read.`);
}

async function removeSeededDatabases() {
  try {
    const testing = await import('@welcome-hub/kit/testing');
    await testing.removeSeededTestDatabases();
  } catch (error) {
    console.warn(`The run's seeded test databases were not removed (${error.message}); a later run removes them.`);
  }
}
