import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tests run from the project root (npm scripts, CI). */
export const ROOT = process.cwd();
export const fixturePath = (path: string): string => join(ROOT, 'test/fixtures', path);
export const readFixture = (path: string): string => readFileSync(fixturePath(path), 'utf8');

/**
 * The built extension the tests load: the end-to-end build (SIDENOTES_E2E=1,
 * the hosts the tests stand in for granted) or the real one.
 */
export const builtExtension = (browser: 'chrome' | 'firefox'): string =>
  join(ROOT, `.output/${browser}-mv3${process.env.SIDENOTES_E2E ? '-e2e' : ''}`);
