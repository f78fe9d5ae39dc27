// instrumentation.ts: runs once when the Next server starts (next dev, next start), before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkSecret, migrate } = await import('./lib/auth');
  checkSecret();
  await migrate();
}
