// `npm run build`: prebuilds the default worker into dist/worker/ for `bearer-worker build` (cli/), which
// then needs no bundler. The config and build id stay free names, filled by cli/render-worker-script.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { TEMPLATE_PARAMS, templateName } from '../cli/render-worker-script.js';
import { buildDefaultWorker } from '../vite/build-worker-script.js';

const root = new URL('../', import.meta.url);
const outDir = new URL('dist/worker/', root);
mkdirSync(outDir, { recursive: true });

for (const [inspector, dev] of [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const) {
  // Development builds (logs on the console) stay unminified, as the Vite dev server serves them.
  const params = { config: TEMPLATE_PARAMS[0], build: TEMPLATE_PARAMS[1] };
  const code = await buildDefaultWorker(params, inspector, !dev, dev);
  for (const name of TEMPLATE_PARAMS) {
    if (!code.includes(name)) throw new Error(`build-worker-templates: ${name} was renamed or dropped by the build.`);
  }
  const file = templateName(inspector, dev);
  writeFileSync(new URL(file, outDir), code);
  console.log(`dist/worker/${file}: ${(code.length / 1024).toFixed(1)} kB`);
}
