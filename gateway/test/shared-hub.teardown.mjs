// Jest's global teardown: stops the run's shared hub (shared-hub.setup.mjs) and fails the
// run when a test file wrote to it (the files that share it must only read) or a write
// left no audit entry; removes the run's seeded database.
export default async function stopSharedHub() {
  const hub = globalThis.welcomeHubSharedHub;
  let writes = 0;
  try {
    if (hub) writes = await hub.writes();
  } finally {
    await hub?.close();
    // The run's seeded database, which every test hub copied (gateway/src/testing/seeded.ts).
    const testing = await import('@welcome-hub/kit/testing').catch(() => undefined);
    await testing?.removeSeededTestDatabase();
  }
  if (writes > 0)
    throw new Error(`Test files wrote ${writes} rows to the shared hub; the files that share it must only read.`);
}
