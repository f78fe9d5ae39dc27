// app/api/auth/[...all]/route.ts: Better Auth at /api/auth/* on the app's origin.
import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth';

export const { GET, POST } = toNextJsHandler(auth);
