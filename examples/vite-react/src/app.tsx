// src/app.tsx: sign in or up through Better Auth, then a task list from the API with plain fetch.
import { authClient } from './auth-client';
import { bearerWorker } from './auth-worker';
import { LoginForm } from './login-form';
import { Tasks } from './tasks';

export function App() {
  const session = authClient.useSession();
  if (session.isPending) return <p>Loading…</p>;
  if (!session.data) return <LoginForm />;
  return (
    <main>
      <p>
        Signed in as <b data-testid="user-email">{session.data.user.email}</b>{' '}
        <button onClick={() => void bearerWorker.signOut()}>Sign out</button>
      </p>
      <Tasks />
    </main>
  );
}
