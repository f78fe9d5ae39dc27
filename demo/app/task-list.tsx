import { useState, type FormEvent } from 'react';
import type { ApiError } from 'bearer-worker';
import type { Task } from './api.js';
import { useTasks } from './use-tasks.js';

const describe = (e: ApiError | null | undefined) => (e ? `${e.error}: ${e.message}` : null);

function TaskItem({ task, tasks }: { task: Task; tasks: ReturnType<typeof useTasks> }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(task.title);
  const save = async () => {
    await tasks.updateTask.mutateAsync({ taskId: task.id, data: { title } });
    setEditing(false);
  };
  return (
    <li data-testid="task-item" data-task-id={task.id} className={task.completed ? 'task done' : 'task'}>
      <input
        type="checkbox"
        data-testid="task-toggle"
        checked={task.completed}
        onChange={(e) => tasks.updateTask.mutate({ taskId: task.id, data: { completed: e.target.checked } })}
        aria-label="completed"
      />
      {editing ? (
        <>
          <input data-testid="task-edit-input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
          <button data-testid="task-save" onClick={() => void save().catch(() => {})}>
            Save
          </button>
        </>
      ) : (
        <span className="task-text">
          <span data-testid="task-title">{task.title}</span>
          {task.description && <small>{task.description}</small>}
        </span>
      )}
      {!editing && (
        <button data-testid="task-edit" onClick={() => setEditing(true)}>
          Edit
        </button>
      )}
      <button data-testid="task-delete" className="danger" onClick={() => tasks.deleteTask.mutate(task.id)}>
        Delete
      </button>
    </li>
  );
}

/** The seed's TaskList: create, edit, complete, delete. */
export function TaskList({ userId }: { userId: string }) {
  const tasks = useTasks(userId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const mutationError = describe(tasks.createTask.error ?? tasks.updateTask.error ?? tasks.deleteTask.error);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    await tasks.createTask.mutateAsync({ title, description: description || undefined });
    setTitle('');
    setDescription('');
  };

  return (
    <section className="tasks">
      <form onSubmit={(e) => void create(e).catch(() => {})} className="new-task">
        <input
          data-testid="new-task-title"
          placeholder="New task"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <input
          data-testid="new-task-description"
          placeholder="Description (optional)"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <button data-testid="add-task" type="submit">
          Add task
        </button>
      </form>
      {mutationError && <p className="error">{mutationError}</p>}
      {tasks.isLoading && <p data-testid="tasks-loading">Loading…</p>}
      {tasks.error && (
        <p data-testid="tasks-error" className="error">
          {describe(tasks.error)}
        </p>
      )}
      <ul className="task-list">
        {tasks.tasks?.map((task) => (
          <TaskItem key={task.id} task={task} tasks={tasks} />
        ))}
        {tasks.pending.map((w) => (
          <li key={w.id} data-testid="task-pending" data-queued-id={w.id} className="task pending">
            <span className="task-text">
              <span>{w.title}</span>
              <small>{w.state === 'held' ? 'held: waiting for its user to sign in again' : 'pending: offline'}</small>
            </span>
          </li>
        ))}
      </ul>
      {tasks.tasks?.length === 0 && tasks.pending.length === 0 && (
        <p className="muted" data-testid="tasks-empty">
          No tasks yet.
        </p>
      )}
    </section>
  );
}
