// Runs before anything else so that a too-old Node ends with one sentence, not a stack trace.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
  console.error(
    `Welcome Hub needs Node.js 22.17 or newer, but this is ${process.version}. ` +
      'Run it through npm (npm start, npm test), which uses the Node 24 that `npm ci` installs, or install Node 24.',
  );
  process.exit(1);
}
