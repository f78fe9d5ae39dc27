// components/sign-out-button.tsx: the worker signs out of Better Auth once and tells every open tab;
// each tab's bridge then clears its data (onSignedOut in the provider) and goes to /login.
'use client';
import { useBearerWorker } from './bearer-worker-provider';

export function SignOutButton() {
  const bearerWorker = useBearerWorker();
  return (
    <button disabled={!bearerWorker} onClick={() => void bearerWorker?.signOut()}>
      Sign out
    </button>
  );
}
