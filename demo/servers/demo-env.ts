import { fileURLToPath } from 'node:url';

/** The e2e suite runs its own stack on ports of its own, so it never talks to a demo you have running. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 5273);
export const E2E_API_PORT = Number(process.env.E2E_API_PORT ?? 8100);

/** Ports and paths of the demo, from the environment (the e2e suite runs its own stack on other ports). */
export function demoEnv(env: NodeJS.ProcessEnv = process.env) {
  const appPort = Number(env.DEMO_APP_PORT ?? 5173);
  const apiPort = Number(env.DEMO_API_PORT ?? 8000);
  return {
    appPort,
    apiPort,
    appOrigin: `http://localhost:${appPort}`,
    apiOrigin: `http://localhost:${apiPort}`,
    dataDir: env.DEMO_DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url)),
  };
}
