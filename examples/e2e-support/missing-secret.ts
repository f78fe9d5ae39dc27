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
 * Runs the server once per way of lacking a secret, the three at once: each exits non-zero, saying why,
 * before it listens. (Were one to start, it would say so in its output, and the others would fail to bind
 * its port without saying why they refused: the checks below fail either way.)
 */
export async function expectRefusesWithoutSecret(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; origin: string },
): Promise<void> {
  const runs = await Promise.all(
    WITHOUT.map(async ([name, secret, NODE_ENV]) => {
      const env = { ...opts.env, BETTER_AUTH_SECRET: secret, NODE_ENV };
      return {
        what: `${name} secret, NODE_ENV=${NODE_ENV}`,
        ...(await runToExit(args, { cwd: opts.cwd, env, timeoutMs: 30_000 })),
      };
    }),
  );
  for (const { what, code, output } of runs) {
    expect(code, `${what}:\n${output}`).not.toBe(0);
    expect(code, `${what}: still running after 30 s:\n${output}`).not.toBeNull();
    expect(output, what).toContain('Refusing to start: set BETTER_AUTH_SECRET');
    expect(output, what).not.toContain('App on http');
  }
  await expect(fetch(opts.origin)).rejects.toThrow();
}
