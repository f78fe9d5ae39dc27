// hooks/use-tasks.ts: the seed's useTasks, with plain fetch and no token handling anywhere.
'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useBearerWorker } from '@/components/bearer-worker-provider';
import { api } from '@/lib/api';

export interface Task {
  id: number;
  title: string;
  description: string | null;
  completed: boolean;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function useTasks(userId: string) {
  const bearerWorker = useBearerWorker();
  const queryClient = useQueryClient();
  const queryKey = ['tasks', userId];
  const path = `/v1/${userId}/tasks`;
  const invalidate = () => queryClient.invalidateQueries({ queryKey });

  const tasks = useQuery({
    queryKey,
    queryFn: async () => (await api<{ tasks: Task[] }>(bearerWorker!, path)).tasks,
    enabled: bearerWorker !== null,
  });
  const createTask = useMutation({
    mutationFn: async (data: { title: string; description?: string }) =>
      (await api<{ task: Task }>(bearerWorker!, path, json('POST', data))).task,
    onSuccess: invalidate,
  });
  const updateTask = useMutation({
    mutationFn: async ({ taskId, data }: { taskId: number; data: Partial<Omit<Task, 'id'>> }) =>
      (await api<{ task: Task }>(bearerWorker!, `${path}/${taskId}`, json('PUT', data))).task,
    onSuccess: invalidate,
  });
  const deleteTask = useMutation({
    mutationFn: (taskId: number) => api<void>(bearerWorker!, `${path}/${taskId}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });

  return { tasks: tasks.data, isLoading: tasks.isPending, error: tasks.error, createTask, updateTask, deleteTask };
}
