// @vitest-environment node
/** Every case in `tests/fixtures/broken-data/cases.ts` must be rejected with exactly its own problems. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, DataError, formatProblem, loadPolicyData } from '../../src/tools/load-dataset.ts';
import { BROKEN_CASES, type BrokenCase } from '../fixtures/broken-data/cases.ts';

const root = mkdtempSync(join(tmpdir(), 'broken-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the shipped content with the case's changes applied. */
function build(c: BrokenCase, index: number): string {
  const dir = join(root, String(index));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(c.files)) {
    const path = join(dir, file);
    if (typeof edit === 'function') {
      const json = JSON.parse(readFileSync(path, 'utf8'));
      edit(json);
      writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
    } else if ('text' in edit) writeFileSync(path, edit.text(readFileSync(path, 'utf8')));
    else if ('create' in edit) writeFileSync(path, edit.create);
    else rmSync(path);
  }
  return dir;
}

/** The problems as `npm run check-data` prints them, file names relative to the content folder. */
function printed(dir: string): string[] {
  try {
    loadPolicyData(dir);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const prefix = `${relative(process.cwd(), dir)}/`;
    return e.problems.map((p) => formatProblem(p).trim().replaceAll(prefix, ''));
  }
  return [];
}

describe('broken data fixtures', () => {
  it('has at least 30 cases with distinct names', () => {
    expect(BROKEN_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BROKEN_CASES.map((c) => c.name)).size).toBe(BROKEN_CASES.length);
  });

  it.each(BROKEN_CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    expect(printed(build(c, i))).toEqual(c.expected);
  });
});
