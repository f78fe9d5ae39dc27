// lib/api.ts: plain fetch to the API; the worker adds `Authorization: Bearer <jwt>` on the way out.
import { toApiError, type BearerWorker } from 'bearer-worker';

const API_BASE_URL = process.env.NEXT_PUBLIC_API_BASE_URL ?? 'http://localhost:8000/api';
/** The origin the worker was built for (withBearerWorker reads the same variable). */
export const API_ORIGIN = new URL(API_BASE_URL).origin;

export async function api<T>(bearerWorker: BearerWorker, path: string, init?: RequestInit): Promise<T> {
  await bearerWorker.ready; // resolves once this page is controlled by the worker; at once after that
  const res = await fetch(`${API_BASE_URL}${path}`, init);
  if (!res.ok) throw await toApiError(res); // { status, code, error, message, fieldErrors }
  return (res.status === 204 ? undefined : await res.json()) as T;
}
