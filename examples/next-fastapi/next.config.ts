// next.config.ts: the worker is written to public/sw.js for you, from NEXT_PUBLIC_API_BASE_URL: a dev
// build (console logs) in `next dev`, the production build in `next build` and `next start`.
import type { NextConfig } from 'next';
import { withBearerWorker } from 'bearer-worker/next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
};

export default withBearerWorker(nextConfig);
