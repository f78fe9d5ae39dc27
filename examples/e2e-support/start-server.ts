// Starts one of an example's servers as its README says (a Node process in the example's folder) and
// waits until it answers. Only the e2e specs use this.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** `vite` as the example's `npm run dev|build|preview` runs it. */
export const VITE_BIN = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');

export interface RunningServer {
  readonly output: () => string;
  stop(): Promise<void>;
}

export const exampleDir = (name: string) => fileURLToPath(new URL(`../${name}/`, import.meta.url));

/** The environment a child gets: ours, with `env` on top (an undefined value removes the variable). */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete out[name];
  return out;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Runs `node <args>` (or `command <args>`) in `cwd`; resolves once `readyUrl` answers (any status), rejects
 * if the process exits.
 */
export async function startServer(
  args: string[],
  opts: {
    cwd: string;
    env: Record<string, string | undefined>;
    readyUrl: string;
    timeoutMs?: number;
    command?: string;
  },
): Promise<RunningServer> {
  const child = spawn(opts.command ?? process.execPath, args, {
    cwd: opts.cwd,
    env: childEnv(opts.env),
    stdio: 'pipe',
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const server: RunningServer = {
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let gone = false;
  void exited(child).then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${args.join(' ')} exited before it answered:\n${output}`);
    const up = await fetch(opts.readyUrl).then(
      () => true,
      () => false,
    );
    if (up) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${args.join(' ')} did not answer ${opts.readyUrl}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200)); // polling interval while the server starts, not a wait for an outcome
  }
}

/**
 * Runs `node <args>` to completion in `cwd`: its exit code and what it printed. A process still running
 * after `timeoutMs` (a server that started) is stopped, with code null.
 */
export async function runToExit(
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined>; timeoutMs?: number },
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: childEnv(opts.env), stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs ?? 120_000);
  await exited(child);
  clearTimeout(deadline);
  return { code: child.exitCode, output };
}

/** Runs `node <args>` to completion in `cwd` (a build); throws with its output if it fails. */
export async function run(
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined> },
): Promise<void> {
  const { code, output } = await runToExit(args, opts);
  if (code !== 0) throw new Error(`${args.join(' ')} failed:\n${output}`);
}
