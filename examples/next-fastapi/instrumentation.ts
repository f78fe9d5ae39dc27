// instrumentation.ts: runs once when the Next server starts (next dev, next start), before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { migrate } = await import('./lib/auth');
  await migrate();
}
