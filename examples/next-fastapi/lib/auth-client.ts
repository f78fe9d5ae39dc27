// lib/auth-client.ts: Better Auth's client, same origin (sign-in and sign-up pass through the worker).
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient();
