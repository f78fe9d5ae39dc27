import { useEffect } from 'react';
import { authClient } from './auth-client.js';
import { bearerWorker } from './bearer.js';
import { navigate } from './navigate.js';
import { TaskList } from './task-list.js';

export function TasksPage() {
  const { data, isPending } = authClient.useSession();
  const user = data?.user;
  useEffect(() => {
    if (!isPending && !user) navigate('/login');
  }, [isPending, user]);
  if (!user) return <p className="muted">Loading…</p>;
  return (
    <section className="card">
      <header className="row spread">
        <h1>Tasks</h1>
        <span>
          <span data-testid="user-email">{user.email}</span>{' '}
          <button
            data-testid="sign-out"
            onClick={() => void bearerWorker.signOut().catch((e: Error) => alert(e.message))}
          >
            Sign out
          </button>
        </span>
      </header>
      <TaskList userId={user.id} />
    </section>
  );
}
