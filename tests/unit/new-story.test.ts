// @vitest-environment node
/** `npm run story:new` refuses what would make a broken story (issue 21, defect 20). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newStory } from '../../geo/new-story.ts';

const root = mkdtempSync(join(tmpdir(), 'new-story-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('story:new', () => {
  it('refuses a country given twice, and writes nothing', () => {
    const dir = join(root, 'twice');
    expect(() => newStory(dir, ['PER', 'BOL', 'PER'])).toThrow('PER is given twice: give each country once');
    expect(existsSync(dir)).toBe(false);
  });
});
