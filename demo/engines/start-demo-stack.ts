import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the whole demo (Vite app + Better Auth + tasks API) as `npm run demo` does, on the given ports
 * with a fresh data directory (or the caller's DATABASE_URL), and resolves once it answers.
 * Returns a function that stops it.
 */
export async function startDemoStack(appPort: number, apiPort: number): Promise<() => Promise<void>> {
  const answers = (port: number) =>
    fetch(`http://localhost:${port}/`).then(
      () => true,
      () => false,
    );
  for (const port of [appPort, apiPort])
    if (await answers(port))
      throw new Error(`port ${port} is taken: stop what runs there, or set ENGINES_APP_PORT/ENGINES_API_PORT`);
  const child = spawn(join(repo, 'node_modules/.bin/tsx'), ['demo/servers/start.ts'], {
    cwd: repo,
    detached: true, // its own process group: stopping it stops Vite's helpers too
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DEMO_APP_PORT: String(appPort),
      DEMO_API_PORT: String(apiPort),
      DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'bearer-worker-engines-')),
      DEMO_JWT_TTL: '15m',
    },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null) return;
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  const until = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`http://localhost:${appPort}/demo/settings`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return stop;
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`the demo stack did not start on ${appPort}/${apiPort}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200)); // polling a server that is starting
  }
}
