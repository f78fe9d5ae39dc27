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
  opts: { cwd: string; env: Record<string, string>; readyUrl: string; timeoutMs?: number; command?: string },
): Promise<RunningServer> {
  const child = spawn(opts.command ?? process.execPath, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
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

/** Runs `node <args>` to completion in `cwd` (a build); throws with its output if it fails. */
export async function run(args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<void> {
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await exited(child);
  if (child.exitCode !== 0) throw new Error(`${args.join(' ')} failed:\n${output}`);
}
