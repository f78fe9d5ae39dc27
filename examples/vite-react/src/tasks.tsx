// src/tasks.tsx: no token handling anywhere; the worker adds it on the way out.
import { useMutation, useQuery } from '@tanstack/react-query';
import { toApiError } from 'bearer-worker';
import { useForm } from './use-form';
import { api } from './auth-worker';
import { queryClient } from './query-client';

type Task = { id: number; title: string };

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

export function Tasks() {
  const tasks = useQuery({ queryKey: ['tasks'], queryFn: async () => json<{ tasks: Task[] }>(await api('/tasks')) });
  const add = useMutation({
    mutationFn: async (title: string) =>
      json(
        await api('/tasks', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title }),
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
  const { field, submit, setValues } = useForm({ title: '' });
  if (tasks.error) return <p role="alert">{(tasks.error as { message?: string }).message}</p>;
  return (
    <section>
      <form onSubmit={submit(({ title }) => add.mutateAsync(title).then(() => setValues({ title: '' })))}>
        <input placeholder="New task" {...field('title')} />
        <button type="submit">Add</button>
      </form>
      <ul data-testid="tasks">
        {tasks.data?.tasks.map((t) => (
          <li key={t.id}>{t.title}</li>
        ))}
      </ul>
    </section>
  );
}
