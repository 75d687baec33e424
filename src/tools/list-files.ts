/**
 * Every file under a folder, as sorted paths relative to it with `/` separators (`assets/index.js`):
 * the build's output as it is on disk, which the deploy plugins read after every other plugin has
 * written its files.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
