import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BearerWorkerError } from '../protocol/bearer-worker-error.js';
import { BUILD_FLAGS, parseBuildArgs } from './parse-build-args.js';
import { renderWorkerScript } from './render-worker-script.js';

const USAGE = `Usage: bearer-worker build --api-origin <origin> [--api-origin <origin>…] --out <file> [options]

Writes the configured service worker (one classic script) for any build: webpack, Next.js, Rails, plain
HTML. Serve the file at the path you give registerBearerWorker({ scriptUrl }) (default /sw.js).

Options:
  --out <file>                    where to write the worker, e.g. public/sw.js (required)
${Object.entries(BUILD_FLAGS)
  .map(([flag, { arg, help }]) => `  ${(arg ? `${flag} ${arg}` : flag).padEnd(32)}${help}`)
  .join('\n')}
  --dev                           a development build: logs each decision on the console
  -h, --help                      this text

Example:
  npx bearer-worker build --api-origin https://api.example.com --api-path-prefix /api --out public/sw.js
`;

interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `bearer-worker <command>`: returns the exit code (0 done, 1 a wrong option, 2 a wrong command). */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'build') {
    io.stderr(`bearer-worker: unknown command ${JSON.stringify(command)}.\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const { config, out, dev } = parseBuildArgs(rest);
    const code = renderWorkerScript(config, { dev });
    const file = resolve(io.cwd, out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, code);
    io.stdout(
      `bearer-worker: wrote ${out} (${(code.length / 1024).toFixed(1)} kB) for ${config.apiOrigins.join(', ')}\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof BearerWorkerError)) throw e;
    io.stderr(`bearer-worker: ${e.message}\n`);
    return 1;
  }
}
