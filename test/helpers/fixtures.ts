import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tests run from the project root (npm scripts, CI). */
export const ROOT = process.cwd();
export const fixturePath = (path: string): string => join(ROOT, 'test/fixtures', path);
export const readFixture = (path: string): string => readFileSync(fixturePath(path), 'utf8');
