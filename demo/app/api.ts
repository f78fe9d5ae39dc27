import { QUEUE_HEADER, QUEUED_HEADER, toApiError, type ApiError } from 'bearer-worker';
import { bearerWorker } from './bearer.js';

import type { Task } from '../task.js';

export type { Task };

/** What a failed call throws: an Error (with a stack) carrying the ApiError's code, status and text. */
const apiFailure = (e: ApiError): Error & ApiError => Object.assign(new Error(e.message), e);

/** A write the worker kept while the network was down: it goes once the network is back. */
export interface Queued {
  queued: string;
}

/**
 * Plain fetch: no token here. The worker adds `Authorization: Bearer …` on the way out. With `queue`, a
 * write made while the network is down is kept by the worker and answered 202 (`Queued`).
 */
async function call<T>(path: string, init?: { method?: string; body?: unknown; queue?: boolean }): Promise<T> {
  // Before the worker controls the page, a call would leave without a token.
  try {
    await bearerWorker.ready;
  } catch (err) {
    // A worker that never took control (or a stale build): say so instead of calling without a token.
    throw apiFailure({
      status: null,
      code: 'unknown',
      error: 'Service worker not ready',
      message: (err as Error).message,
    });
  }
  let res: Response;
  try {
    res = await fetch(`${__DEMO_API_BASE__}${path}`, {
      method: init?.method ?? 'GET',
      headers: {
        ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init?.queue ? { [QUEUE_HEADER]: '1' } : {}),
      },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (err) {
    throw apiFailure(await toApiError(err));
  }
  if (!res.ok) throw apiFailure(await toApiError(res));
  const queued = res.status === 202 && res.headers.get(QUEUED_HEADER);
  if (queued) return { queued } as T;
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const tasksApi = {
  list: (userId: string) => call<{ tasks: Task[] }>(`/v1/${userId}/tasks`).then((r) => r.tasks),
  create: (userId: string, data: { title: string; description?: string }) =>
    call<{ task: Task } | Queued>(`/v1/${userId}/tasks`, { method: 'POST', body: data, queue: true }).then((r) =>
      'queued' in r ? r : r.task,
    ),
  update: (userId: string, id: number, data: Partial<Pick<Task, 'title' | 'description' | 'completed'>>) =>
    call<{ task: Task }>(`/v1/${userId}/tasks/${id}`, { method: 'PUT', body: data }).then((r) => r.task),
  remove: (userId: string, id: number) => call<void>(`/v1/${userId}/tasks/${id}`, { method: 'DELETE' }),
};
