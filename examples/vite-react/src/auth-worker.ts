// src/auth-worker.ts: register the worker once, early; call the API with plain fetch.
import { registerBearerWorker } from 'bearer-worker';
import { queryClient } from './query-client';

const API_ORIGIN: string = import.meta.env.VITE_API_ORIGIN ?? 'http://localhost:8000';

/** The page's handle on the running worker. */
export const bearerWorker = registerBearerWorker({
  apiOrigins: [API_ORIGIN], // must match the worker's build
  onSignedOut: () => queryClient.clear(), // your clean-up; then the bridge goes to /login
});

export async function api(path: string, init?: RequestInit): Promise<Response> {
  await bearerWorker.ready; // resolves once this page is controlled; at once after that
  return fetch(`${API_ORIGIN}/api${path}`, init);
}
