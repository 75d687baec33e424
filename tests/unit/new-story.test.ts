// @vitest-environment node
/** `npm run story:new` refuses what would make a broken story (issue 21, defect 20). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newStory } from '../../geo/new-story.ts';
import { Measure } from '../../src/data/schema.ts';
import { DataError, loadPolicyData } from '../../src/tools/load-dataset.ts';
import { createMeasure } from '../fixtures/create-data.ts';

const root = mkdtempSync(join(tmpdir(), 'new-story-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('story:new', () => {
  it('refuses a country given twice, and writes nothing', () => {
    const dir = join(root, 'twice');
    expect(() => newStory(dir, ['PER', 'BOL', 'PER'])).toThrow('PER is given twice: give each country once');
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves the "as of" date to the editor: a placeholder the check refuses, not today’s date (issue 21, section 3)', () => {
    const dir = join(root, 'new');
    newStory(dir, ['PER']);
    let error: unknown;
    try {
      loadPolicyData(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    const asOf = (error as DataError).problems.filter((p) => p.path === 'asOf').map((p) => p.message);
    expect(asOf).toContain(
      'is still a placeholder ("TODO: the date the facts are current to, as YYYY-MM-DD"): write the text',
    );
  });

  it('needs no brief code: a new story has no brief', () => {
    const { briefCode: _, ...measure } = createMeasure();
    expect(Measure.safeParse(measure).success).toBe(true);
    expect(Measure.safeParse({ ...measure, briefCode: 'sv3' }).success).toBe(false);
  });
});
