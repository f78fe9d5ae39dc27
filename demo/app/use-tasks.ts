import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from 'bearer-worker';
import { tasksApi, type Queued, type Task } from './api.js';
import { usePendingWrites } from './use-pending-writes.js';

/** The seed's useTasks, on plain fetch: list plus create/update/delete, each refreshing the list. */
export function useTasks(userId: string | undefined) {
  const queryClient = useQueryClient();
  const key = ['tasks', userId];
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const need = () => {
    if (!userId) throw new Error('Not authenticated');
    return userId;
  };

  // Writes the worker kept while offline: shown as pending; the list refreshes when one is replayed.
  // A list fetch still in flight may have been answered before the replay landed, and React Query joins
  // a first load instead of restarting it: cancel it, then fetch again.
  const pending = usePendingWrites(async () => {
    await queryClient.cancelQueries({ queryKey: key });
    await refresh();
  });
  const query = useQuery<Task[], ApiError>({ queryKey: key, queryFn: () => tasksApi.list(need()), enabled: !!userId });
  const createTask = useMutation<Task | Queued, ApiError, { title: string; description?: string }>({
    mutationFn: (d) => tasksApi.create(need(), d),
    onSuccess: (result, d) => ('queued' in result ? pending.add(result.queued, d.title) : refresh()),
  });
  const updateTask = useMutation<
    Task,
    ApiError,
    { taskId: number; data: Partial<Pick<Task, 'title' | 'description' | 'completed'>> }
  >({
    mutationFn: ({ taskId, data }) => tasksApi.update(need(), taskId, data),
    onSuccess: refresh,
  });
  const deleteTask = useMutation<void, ApiError, number>({
    mutationFn: (id) => tasksApi.remove(need(), id),
    onSuccess: refresh,
  });

  return {
    tasks: query.data,
    pending: pending.writes,
    isLoading: query.isLoading,
    error: query.error,
    createTask,
    updateTask,
    deleteTask,
  };
}
