import { QueryClient } from '@tanstack/react-query';
import { registerBearerWorker } from 'bearer-worker';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false } },
});

/** The one bridge to the worker. App code never touches a token: it calls the API with plain fetch. */
export const bearerWorker = registerBearerWorker({
  apiOrigins: [__DEMO_API_ORIGIN__],
  loginUrl: '/login',
  // The demo's worker keeps task writes made offline (vite.config.ts): replay them when the page is back online.
  offlineWrites: true,
  // Clean up before the bridge redirects to the login page.
  onSignedOut: () => queryClient.clear(),
});

// Demo only: the end-to-end tests read the worker's status through this (status never holds a token).
(window as unknown as { bearerWorker: typeof bearerWorker }).bearerWorker = bearerWorker;
