import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ResolvedConfig } from './types.js';

function packageVersion(): string {
  // dist/cli/ in the package, cli/ in this repo.
  for (const p of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bearer-worker' && pkg.version) return pkg.version;
    } catch {
      // Try the next place.
    }
  }
  return '0.0.0';
}

/** `<package version>+<hash of the config>`, as the Vite plugin names its builds. */
export function workerBuildId(resolved: ResolvedConfig): string {
  return `${packageVersion()}+${createHash('sha256').update(JSON.stringify(resolved)).digest('hex').slice(0, 10)}`;
}
