// components/providers.tsx: React Query and the worker, for every page (mounted in app/layout.tsx).
'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { BearerWorkerProvider } from './bearer-worker-provider';

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <BearerWorkerProvider>{children}</BearerWorkerProvider>
    </QueryClientProvider>
  );
}
