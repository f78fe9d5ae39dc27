// A production server without BETTER_AUTH_SECRET (or with a short one) must not start: Better Auth would
// otherwise sign sessions with its public default secret.
import { expect } from '@playwright/test';
import { runToExit } from './start-server.js';

/** [what, BETTER_AUTH_SECRET, NODE_ENV]: production is the default; NODE_ENV=production changes nothing. */
const WITHOUT: [string, string | undefined, string | undefined][] = [
  ['unset', undefined, undefined],
  ['empty', '', 'production'],
  ['short', 'too-short-to-be-a-secret', undefined],
];

/**
 * Runs the server once per way of lacking a secret: each exits non-zero, saying why, and serves nothing.
 * Servers that refuse before they listen run the three at once (were one to start, it would say so, and
 * the others would fail to bind its port without saying why they refused: the checks fail either way).
 * `next start` binds its port before its instrumentation refuses, so it runs them one at a time.
 */
export async function expectRefusesWithoutSecret(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; origin: string; bindsFirst?: boolean },
): Promise<void> {
  const attempt = async ([name, secret, NODE_ENV]: (typeof WITHOUT)[number]) => {
    const env = { ...opts.env, BETTER_AUTH_SECRET: secret, NODE_ENV };
    const { code, output } = await runToExit(args, { cwd: opts.cwd, env, timeoutMs: 30_000 });
    return { what: `${name} secret, NODE_ENV=${NODE_ENV}`, code, output };
  };
  const runs = [];
  if (opts.bindsFirst) for (const lack of WITHOUT) runs.push(await attempt(lack));
  else runs.push(...(await Promise.all(WITHOUT.map(attempt))));
  for (const { what, code, output } of runs) {
    expect(code, `${what}:\n${output}`).not.toBe(0);
    expect(code, `${what}: still running after 30 s:\n${output}`).not.toBeNull();
    expect(output, what).toContain('Refusing to start: set BETTER_AUTH_SECRET');
    expect(output, what).not.toContain('App on http');
  }
  await expect(fetch(opts.origin)).rejects.toThrow();
}
