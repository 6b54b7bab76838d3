import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root, for running the built entry points as real processes. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Started {
  child: ChildProcess;
  /** The first capture group of `ready` (e.g. the URL the process printed). */
  match: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/**
 * Starts `node <script>` and resolves when its output matches `ready`; rejects with the
 * output when the process exits first or after `timeoutMs`.
 */
export function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<Started> {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          match: match[1],
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Runs `node <script> <args>` to completion. */
export function runProcess(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  node = process.execPath,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(node, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * A loopback port nobody listens on right now: for a process whose public URL must be
 * known before it starts (PUBLIC_URL names the gateway in every process).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the processes side by side (each with `ready` and `timeoutMs` as in startProcess),
 * resolving in the order given. When one fails, the others are stopped and its error thrown.
 */
export async function startAll(
  processes: [script: string, env: NodeJS.ProcessEnv][],
  ready = /subgraph on (http:\/\/\S+)\/graphql/,
  timeoutMs = 120_000,
): Promise<Started[]> {
  const started = await Promise.allSettled(
    processes.map(([script, env]) => startProcess(script, env, ready, timeoutMs)),
  );
  const failed = started.find((result) => result.status === 'rejected');
  if (!failed) return started.map((result) => (result as PromiseFulfilledResult<Started>).value);
  await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
  throw failed.reason;
}
