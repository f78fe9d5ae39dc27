// app/login/page.tsx: sign up or sign in. The bridge sends a tab here after a sign-out, with
// ?session_expired=true&returnTo=<path> when the session ran out rather than the user signing out.
import { safeReturnTo } from 'bearer-worker';
import { LoginForm } from '@/components/login-form';

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { session_expired, returnTo } = await searchParams;
  return (
    <main>
      <h1>Sign in</h1>
      {session_expired === 'true' ? <p role="status">Your session expired. Please sign in again.</p> : null}
      <LoginForm returnTo={safeReturnTo(returnTo ?? '/', process.env.BETTER_AUTH_URL ?? 'http://localhost:3000')} />
    </main>
  );
}
