/** Public (it is in this file): fine for a demo on localhost, never for a deployment. */
export const DEMO_SECRET = 'bearer-worker-demo-secret-not-for-production-use';

/**
 * Better Auth's secret for the demo: BETTER_AUTH_SECRET, else the demo's own, said in the log. With
 * NODE_ENV=production (`vite preview` sets it) a missing secret stops the demo from starting, as it
 * would stop a real server.
 */
export function demoSecret(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.warn): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (env.NODE_ENV === 'production')
    throw new Error('Refusing to start: set BETTER_AUTH_SECRET (the demo secret is public; openssl rand -hex 32)');
  log('bearer-worker demo: BETTER_AUTH_SECRET is not set: using the demo secret, which is public');
  return DEMO_SECRET;
}
