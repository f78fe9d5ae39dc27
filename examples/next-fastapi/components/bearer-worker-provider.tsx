// components/bearer-worker-provider.tsx: registers the worker in the browser, once, after hydration.
// Not at module level: Next renders client components on the server too, where there is no worker.
'use client';
import { useQueryClient } from '@tanstack/react-query';
import { registerBearerWorker, type BearerWorker } from 'bearer-worker';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { API_ORIGIN } from '@/lib/api';

const BearerWorkerContext = createContext<BearerWorker | null>(null);

export function BearerWorkerProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [bearerWorker, setBearerWorker] = useState<BearerWorker | null>(null);
  useEffect(() => {
    // Once per page (a second call returns the same handle, so Strict Mode's double effect is fine).
    const handle = registerBearerWorker({ apiOrigins: [API_ORIGIN] });
    setBearerWorker(handle);
    // Before the bridge goes to /login after a sign-out (this tab's or another's): drop cached data.
    return handle.onSignedOut(() => queryClient.clear());
  }, [queryClient]);
  return <BearerWorkerContext.Provider value={bearerWorker}>{children}</BearerWorkerContext.Provider>;
}

/** The page's handle on the worker; null during server rendering and the first client render. */
export const useBearerWorker = () => useContext(BearerWorkerContext);
