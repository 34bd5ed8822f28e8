import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Chromium's files first (in vitest's own order), then Firefox's (test/e2e-firefox). */
class ChromiumThenFirefox extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const firefox = (f: TestSpecification) => f.moduleId.includes('/test/e2e-firefox/');
    return [...sorted.filter((f) => !firefox(f)), ...sorted.filter(firefox)];
  }
}

// End-to-end tests drive the built extension in real Chromium, then in real
// Firefox: one browser at a time on a 2-core machine, generous timeouts for
// cold starts.
export default defineConfig({
  // The helpers build indexes with the project's own code, which imports through `@/`.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/e2e-firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    sequence: { sequencer: ChromiumThenFirefox },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
