// docs/nextjs.md's code is examples/next-fastapi's, which the end-to-end test runs: a reader who copies
// the guide gets the tested app.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script
import { exampleFile, guideBlocks } from '../scripts/nextjs-guide.mjs';

const blocks: { path: string; code: string }[] = guideBlocks();

describe('docs/nextjs.md', () => {
  it('shows the files a Next app needs', () => {
    expect(blocks.map((b) => b.path)).toEqual(
      expect.arrayContaining([
        'next.config.ts',
        'lib/auth.ts',
        'app/api/auth/[...all]/route.ts',
        'instrumentation.ts',
        'components/bearer-worker-provider.tsx',
        'components/providers.tsx',
        'app/layout.tsx',
        'lib/api.ts',
        'hooks/use-tasks.ts',
        'app/page.tsx',
        'components/sign-out-button.tsx',
      ]),
    );
  });

  for (const { path, code } of blocks) {
    it(`shows examples/next-fastapi/${path} as it is (node scripts/nextjs-guide.mjs syncs it)`, () => {
      expect(code).toBe(exampleFile(path));
    });
  }
});
