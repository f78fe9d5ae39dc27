import { readFileSync } from 'node:fs';
import { BEARER_AUTH } from '../bearer-auth-path.js';

/**
 * The builds a probe serves side by side (VARIANTS: 'built' or a worker file each), each moved to a scope of
 * its own with Better Auth's path under it (`/bench/bearer-<i>/auth`, as start-bench-stack.ts serves it).
 */
export function bearerVariants(files: string[], built: string): string[] {
  return files.map((f, i) => {
    const script = f === 'built' ? built : readFileSync(f, 'utf8');
    if (!script.includes(BEARER_AUTH)) throw new Error(`${f}: not built with authBasePath ${BEARER_AUTH}`);
    return script.replaceAll(BEARER_AUTH, `/bench/bearer-${i}/auth`);
  });
}
