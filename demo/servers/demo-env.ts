import { fileURLToPath } from 'node:url';

/** The e2e suite runs its own stack on ports of its own, so it never talks to a demo you have running. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 5273);
export const E2E_API_PORT = Number(process.env.E2E_API_PORT ?? 8100);
/** Better Auth on its own origin (the auth-origin spec), next to the API's port. */
export const E2E_AUTH_PORT = Number(process.env.E2E_AUTH_PORT ?? E2E_API_PORT + 1);

/** Ports and paths of the demo, from the environment (the e2e suite runs its own stack on other ports). */
export function demoEnv(env: NodeJS.ProcessEnv = process.env) {
  const appPort = Number(env.DEMO_APP_PORT ?? 5173);
  const apiPort = Number(env.DEMO_API_PORT ?? 8000);
  // A second Better Auth, on its own origin, for apps whose auth server lives elsewhere (sw-auth-origin.js).
  const authPort = Number(env.DEMO_AUTH_PORT ?? apiPort + 1);
  return {
    appPort,
    apiPort,
    authPort,
    appOrigin: `http://localhost:${appPort}`,
    apiOrigin: `http://localhost:${apiPort}`,
    authOrigin: `http://localhost:${authPort}`,
    dataDir: env.DEMO_DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url)),
  };
}
