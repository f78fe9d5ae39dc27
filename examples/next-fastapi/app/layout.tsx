// app/layout.tsx: the providers (React Query, the worker) around every page.
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';

export const metadata = { title: 'Tasks: Next.js + FastAPI + bearer-worker' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
