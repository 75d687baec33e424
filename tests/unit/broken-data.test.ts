// @vitest-environment node
/** Every case in `tests/fixtures/broken-data/cases.ts` must be rejected with exactly its own problems. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCase, printedProblems } from '../fixtures/broken-data/apply.ts';
import { BROKEN_CASES } from '../fixtures/broken-data/cases.ts';

const root = mkdtempSync(join(tmpdir(), 'broken-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('broken data fixtures', () => {
  it('has at least 30 cases with distinct names', () => {
    expect(BROKEN_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BROKEN_CASES.map((c) => c.name)).size).toBe(BROKEN_CASES.length);
  });

  it.each(BROKEN_CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    expect(printedProblems(applyCase(c, join(root, String(i))))).toEqual(c.expected);
  });
});
