// components/task-list.tsx: the tasks, from the API through useTasks.
'use client';
import type { ApiError } from 'bearer-worker';
import { useState, type FormEvent } from 'react';
import { useTasks } from '@/hooks/use-tasks';

const message = (error: unknown) => (error as ApiError | null)?.message ?? 'An unexpected error occurred';

export function TaskList({ userId }: { userId: string }) {
  const { tasks, isLoading, error, createTask, updateTask, deleteTask } = useTasks(userId);
  const [title, setTitle] = useState('');
  const failed = error ?? createTask.error ?? updateTask.error ?? deleteTask.error;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    await createTask.mutateAsync({ title });
    setTitle('');
  };

  return (
    <section>
      <form onSubmit={(e) => void add(e).catch(() => {})}>
        <input placeholder="New task" value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit">Add</button>
      </form>
      {failed ? (
        <p role="alert" data-testid="error">
          {message(failed)}
        </p>
      ) : null}
      {isLoading ? <p>Loading…</p> : null}
      <ul data-testid="tasks">
        {tasks?.map((task) => (
          <li key={task.id}>
            <label>
              <input
                type="checkbox"
                checked={task.completed}
                onChange={() => updateTask.mutate({ taskId: task.id, data: { completed: !task.completed } })}
              />
              <span>{task.title}</span>
            </label>
            <button onClick={() => deleteTask.mutate(task.id)} aria-label={`Delete ${task.title}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
