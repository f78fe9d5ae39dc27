// app/page.tsx: the signed-in user's tasks. The session is read on the server; the tasks come from
// the API, called from the browser (TaskList), with the worker's token.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/sign-out-button';
import { TaskList } from '@/components/task-list';
import { auth } from '@/lib/auth';

export default async function Home() {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) redirect('/login');
  return (
    <main>
      <header>
        <span data-testid="user-email">{session.user.email}</span> <SignOutButton />
      </header>
      <h1>Tasks</h1>
      <TaskList userId={session.user.id} />
    </main>
  );
}
