// @vitest-environment node
/**
 * Issue 11, point 1: everything story-specific is data. The shipped story's country codes and
 * measure-type ids may appear only in its content folder (and in tests), never in the app's code,
 * so another story (tests/fixtures/stories/) needs no code change.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadPolicyData } from '../../src/tools/load-dataset.ts';

const SRC = join(CONTENT_DIR, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === CONTENT_DIR) return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|css|html)$/.test(name) ? [path] : [];
  });
}

describe('the code knows no story', () => {
  const data = loadPolicyData();
  const words = [
    ...data.story.countries.map((c) => c.code),
    ...data.story.outsideActors.map((a) => a.code),
    ...data.meta.types.map((t) => t.id),
  ];

  it('scans the app code (and finds a planted word, so the scan works)', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.startsWith(CONTENT_DIR))).toBe(false);
    expect(find('const x = "SLV";', words)).toEqual(['SLV']);
    expect(find("type: 'island-prison'", words)).toEqual(['island-prison']);
    expect(find('SLVX, pre-island-prison-y', words)).toEqual([]);
  });

  it('has none of the shipped countries’ codes (focus or outside actors) or measure-type ids in src/ outside the content folder', () => {
    const hits = sourceFiles(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => find(line, words).map((w) => `${relative(SRC, file)}:${i + 1}: ${w}`)),
    );
    expect(hits).toEqual([]);
  });
});

/** The words of `list` that `text` contains as whole codes or ids (not inside a longer one). */
function find(text: string, list: string[]): string[] {
  return list.filter((w) => new RegExp(`(?<![\\w-])${w.replace(/-/g, '\\-')}(?![\\w-])`).test(text));
}
