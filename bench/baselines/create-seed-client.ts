// The seed's axios client (request interceptor: session check, then token; response interceptor: on a
// 401 clear both caches, mint again and retry once, else sign out), written fresh for the bench.
// Differences from the seed, both forced by the bench: no `withCredentials` (the demo API sends no
// Access-Control-Allow-Credentials, so credentialed calls would fail CORS, and the API takes no cookie
// anyway), and the sign-out on a lost session is the caller's function instead of a redirect.
import axios, { type AxiosError, type AxiosInstance } from 'axios';
import { SeedSessionCache } from './seed-session-cache.js';
import { SeedTokenCache, type SeedExpiry } from './seed-token-cache.js';

export interface SeedClientOptions {
  baseURL: string;
  expiry: SeedExpiry;
  onSessionLost: () => void | Promise<void>;
}

export interface SeedClient {
  api: AxiosInstance;
  tokens: SeedTokenCache;
  sessions: SeedSessionCache;
}

const getSession = async () =>
  (await (await fetch('/api/auth/get-session', { credentials: 'include' })).json()) as { user?: unknown } | null;

export function createSeedClient({ baseURL, expiry, onSessionLost }: SeedClientOptions): SeedClient {
  const sessions = new SeedSessionCache(getSession);
  const tokens = new SeedTokenCache(expiry);
  const api = axios.create({ baseURL, headers: { 'Content-Type': 'application/json' } });
  const check = () => sessions.hasSession();

  api.interceptors.request.use(async (config) => {
    try {
      if (!(await check())) return config;
      const token = await tokens.getToken(check);
      if (token) config.headers.Authorization = `Bearer ${token}`;
    } catch {
      // The seed logs and sends the request without a token.
    }
    return config;
  });

  api.interceptors.response.use(
    (res) => res,
    async (error: AxiosError) => {
      if (error.response?.status === 401) {
        tokens.clear();
        sessions.clear();
        try {
          if (await check()) {
            const token = await tokens.getToken(check);
            if (token && error.config) {
              error.config.headers.Authorization = `Bearer ${token}`;
              return api(error.config);
            }
          }
        } catch {
          // Fall through to the sign-out, as the seed does.
        }
        await onSessionLost();
      }
      return Promise.reject(error);
    },
  );
  return { api, tokens, sessions };
}
