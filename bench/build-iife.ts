import { build } from 'vite';

/** One minified classic script from a browser entry, the way vite/build-worker-script.ts builds the worker. */
export async function buildIife(entry: string, name: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name, fileName: () => `${name}.js` },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
  const code = outputs[0]?.output.find((o) => o.type === 'chunk')?.code;
  if (!code) throw new Error(`bench: the ${name} build produced no code`);
  return code;
}
