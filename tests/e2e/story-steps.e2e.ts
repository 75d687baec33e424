/**
 * Issue 18, section 2, in a real browser with the shipped story: `?step=1`, Next writes `step=2`
 * and moves the slider to step 2's month; ← and → move between steps; the group and its buttons
 * are named in Spanish too; the live region says the step's title; axe finds nothing with the
 * stepper shown, in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/data/format.ts';
import { storySteps } from '../../src/data/steps.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { axe, startHarness, type Watched, waitForMap } from './harness.ts';

const DATA = loadPolicyData();
const STEPS = storySteps(DATA);
let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(harness.server.origin + path);
  await waitForMap(w.page);
  return w;
}

describe('the story’s steps in a real browser', () => {
  it('has at least six steps, in date order', () => {
    expect(STEPS.length).toBeGreaterThanOrEqual(6);
    const months = STEPS.map((s) => s.month);
    expect([...months].sort()).toEqual(months);
  });

  // 1280 px runs for every story in journeys.e2e.ts.
  for (const width of [375])
    it(`at ${width} px: step=1, then Next writes step=2 and moves the slider; ← → move; the live region says the title`, async () => {
      const w = await open('/?step=1', { width, height: width < 640 ? 740 : 800 });
      const { page } = w;
      const story = page.getByRole('group', { name: 'Story' });
      await expect.poll(() => story.getByText(`Step 1 of ${STEPS.length}`).count()).toBe(1);
      await story.getByRole('button', { name: /Next step/ }).click();
      await expect.poll(() => page.evaluate(() => location.search)).toBe('?step=2');
      const second = STEPS[1] as (typeof STEPS)[number];
      const slider = page.getByRole('slider', { name: /date/i });
      expect(await slider.getAttribute('aria-valuetext')).toContain(formatDate(second.month, 'en'));
      await expect
        .poll(() => page.locator('[role="status"][aria-live="polite"]').last().textContent())
        .toContain(second.title.en);
      await story.getByRole('button', { name: /Next step/ }).press('ArrowRight');
      await expect.poll(() => page.evaluate(() => location.search)).toBe('?step=3');
      await story.getByRole('button', { name: /Previous step/ }).press('ArrowLeft');
      await expect.poll(() => page.evaluate(() => location.search)).toBe('?step=2');
      expect(w.errors).toEqual([]);
    });

  it('is named in Spanish, and axe finds nothing with the stepper shown in either language', async () => {
    for (const lang of ['en', 'es'] as const) {
      const w = await open(`/?step=2${lang === 'es' ? '&lang=es' : ''}`);
      const group = w.page.getByRole('group', { name: lang === 'es' ? 'Historia' : 'Story' });
      await expect
        .poll(() => group.getByText(lang === 'es' ? `Paso 2 de ${STEPS.length}` : `Step 2 of ${STEPS.length}`).count())
        .toBe(1);
      await expect.poll(() => group.getByRole('listitem').count()).toBeGreaterThan(0); // its sources
      expect(await axe(w.page), lang).toEqual([]);
      expect(w.errors).toEqual([]);
    }
  });
});
